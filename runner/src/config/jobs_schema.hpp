// The part of schemas/jobs.schema.json that the registries own: the `$defs` of paging (one per
// paging kind), sinks (one per sink type) and outputs, made from their settings tables.
// `apirunner plugins --schema` prints it; tests/schema/check_schemas.py fails when the file and
// the registries differ, and with --write puts these `$defs` into the file.
#pragma once

#include <string>

namespace apirunner {

// A JSON object: each generated `$defs` entry by name.
std::string jobs_schema_defs_json();

}  // namespace apirunner
