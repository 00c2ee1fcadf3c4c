#include "config/jobs_schema.hpp"

#include "paging/paging_kind.hpp"
#include "sinks/sink_type.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace apirunner {
namespace {

using Object = Poco::JSON::Object;
using Array = Poco::JSON::Array;

Object::Ptr object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Array::Ptr array_of(const std::vector<std::string>& items) {
    Array::Ptr array = new Array;
    for (const auto& item : items) {
        array->add(item);
    }
    return array;
}

Object::Ptr reference(const std::string& def) {
    Object::Ptr ref = object();
    ref->set("$ref", "#/$defs/" + def);
    return ref;
}

// {"if": {"properties": {"type": {"const": NAME}}}, "then": {"$ref": DEF}}
Object::Ptr when_type(const std::string& name, const std::string& def) {
    Object::Ptr constant = object();
    constant->set("const", name);
    Object::Ptr type = object();
    type->set("type", constant);
    Object::Ptr properties = object();
    properties->set("properties", type);
    Object::Ptr rule = object();
    rule->set("if", properties);
    rule->set("then", reference(def));
    return rule;
}

// The settings of one kind or type: a closed object, `type` besides its table.
Object::Ptr piece(const std::string& description, const FieldTable& fields) {
    Object::Ptr def = object();
    def->set("description", description);
    Object::Ptr properties = object();
    properties->set("type", object());
    for (const auto& name : schema_properties(fields)->getNames()) {
        properties->set(name, schema_properties(fields)->get(name));
    }
    def->set("properties", properties);
    const auto required = required_fields(fields);
    if (!required.empty()) {
        def->set("required", array_of(required));
    }
    def->set("additionalProperties", false);
    return def;
}

// A mapping chosen by its `type`: the enum of types, and each type's own settings.
Object::Ptr by_type(const std::string& description, const std::vector<std::string>& names,
                    const std::string& def_prefix) {
    Object::Ptr def = object();
    def->set("type", "object");
    def->set("required", array_of({"type"}));
    Object::Ptr type = object();
    type->set("enum", array_of(names));
    type->set("description", description);
    Object::Ptr properties = object();
    properties->set("type", type);
    def->set("properties", properties);
    Array::Ptr rules = new Array;
    for (const auto& name : names) {
        rules->add(when_type(name, def_prefix + name));
    }
    def->set("allOf", rules);
    return def;
}

Object::Ptr output_def() {
    Object::Ptr def = object();
    def->set("type", "object");
    def->set("required", array_of({"sink"}));
    def->set("additionalProperties", false);
    Object::Ptr properties = object();
    Object::Ptr sink = object();
    sink->set("type", "string");
    sink->set("description", "The name of a sink under `sinks`.");
    properties->set("sink", sink);
    std::string takes;
    for (const auto& type : sink_types()) {
        std::string modes;
        for (const auto mode : type.modes) {
            modes += (modes.empty() ? "" : ", ") + std::string(to_string(mode));
        }
        takes += " " + type.name + " takes " + modes + ".";
    }
    Object::Ptr mode = object();
    mode->set("enum", array_of(output_mode_names()));
    mode->set("description",
              "Default append. merge upserts on primary_key; replace swaps in the new data "
              "when the job ends." +
                  takes);
    properties->set("mode", mode);
    for (const auto& type : sink_types()) {
        const Object::Ptr fields = schema_properties(type.output_fields);
        for (const auto& name : fields->getNames()) {
            Object::Ptr field = fields->getObject(name);
            field->set("description",
                       type.name + " outputs: " + field->getValue<std::string>("description"));
            properties->set(name, field);
        }
    }
    def->set("properties", properties);
    return def;
}

}  // namespace

std::string jobs_schema_defs_json() {
    Object defs(Poco::JSON_PRESERVE_KEY_ORDER);
    defs.set("paging",
             by_type("How the job walks the endpoint's pages.", paging_kind_names(), "paging_"));
    for (const auto& kind : paging_kinds()) {
        defs.set("paging_" + kind.name, piece(kind.description, kind.fields));
    }
    defs.set("sink", by_type("Where records go.", sink_type_names(), "sink_"));
    for (const auto& type : sink_types()) {
        defs.set("sink_" + type.name, piece(type.description, type.fields));
    }
    defs.set("output", output_def());
    std::ostringstream out;
    defs.stringify(out, 2);
    out << "\n";
    return out.str();
}

}  // namespace apirunner
