#!/usr/bin/python3
"""Checks the jobs-file contract from both sides, with python3-jsonschema as an independent oracle.

  jobs   every shipped jobs file (jobs.example.yaml, jobs/**/*.yaml, tests/schema/good.yaml) is
         valid against schemas/jobs.schema.json and passes `apirunner validate`; every file of
         tests/schema/bad/ is rejected by both (validate with exit 78).
         Its `$defs` of paging, sinks and outputs equal what `apirunner plugins --schema` prints
         (the registries' tables); `--write` puts those `$defs` into the file instead.
  plugins  schemas/plugins/<name>.json equals what `apirunner plugins <name> --schema` prints now,
         for every plugin found, so the documented settings never drift from the tables.
"""
import argparse
import json
import pathlib
import subprocess
import sys

import jsonschema
import yaml


def validate_cli(apirunner, plugin_dir, path):
    return subprocess.run([apirunner, "validate", "--config", str(path), "--plugin-path", plugin_dir],
                          capture_output=True, text=True, timeout=60)


def generated_defs(apirunner):
    printed = subprocess.run([apirunner, "plugins", "--schema"], capture_output=True, text=True,
                             timeout=60, check=True).stdout
    return json.loads(printed)


def check_generated(path, schema, apirunner, write):
    """The `$defs` the registries own; a name they no longer make is dropped by --write."""
    defs = generated_defs(apirunner)
    owned = {"paging", "sink", "output"}
    stale = [name for name in schema["$defs"] if name.split("_")[0] in owned and name not in defs]
    if write:
        for name in stale:
            del schema["$defs"][name]
        schema["$defs"].update(defs)
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {len(defs)} generated $defs into {path}")
        return []
    failures = [f"{path}: $defs.{name} differs from `apirunner plugins --schema`; run "
                f"tests/schema/check_schemas.py jobs --write" for name in defs if schema["$defs"].get(name) != defs[name]]
    failures += [f"{path}: $defs.{name} is no longer made by any registry" for name in stale]
    return failures


def check_jobs(root, apirunner, plugin_dir, write=False):
    path = root / "schemas/jobs.schema.json"
    schema = json.loads(path.read_text())
    failures = check_generated(path, schema, apirunner, write)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    good = [root / "jobs.example.yaml", root / "tests/schema/good.yaml", *sorted((root / "jobs").rglob("*.yaml"))]
    for path in good:
        errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
        if errors:
            failures.append(f"{path}: schema rejects a shipped file: {errors}")
        result = validate_cli(apirunner, plugin_dir, path)
        if result.returncode != 0:
            failures.append(f"{path}: apirunner validate exit {result.returncode}: {result.stderr}")
    bad = sorted((root / "tests/schema/bad").glob("*.yaml"))
    for path in bad:
        try:
            document = yaml.safe_load(path.read_text())
            schema_rejects = not validator.is_valid(document)
        except yaml.YAMLError:
            schema_rejects = True
        if not schema_rejects:
            failures.append(f"{path}: the schema accepts a bad file")
        result = validate_cli(apirunner, plugin_dir, path)
        if result.returncode != 78 or "problem" not in result.stderr:
            failures.append(f"{path}: apirunner validate gave exit {result.returncode}, "
                            f"not 78 with problems: {result.stdout} {result.stderr}")
    print(f"{len(good)} good and {len(bad)} bad jobs files checked")
    return failures


def check_plugins(root, apirunner, plugin_dir):
    listing = subprocess.run([apirunner, "plugins", "--plugin-path", plugin_dir],
                             capture_output=True, text=True, timeout=60, check=True).stdout
    names = [line.split()[0] for line in listing.splitlines()[1:] if line and not line.startswith("refused")]
    failures = []
    for name in names:
        generated = subprocess.run([apirunner, "plugins", name, "--schema", "--plugin-path", plugin_dir],
                                   capture_output=True, text=True, timeout=60, check=True).stdout
        stored = root / "schemas/plugins" / f"{name}.json"
        if not stored.exists() or stored.read_text() != generated:
            failures.append(f"{stored} differs from `apirunner plugins {name} --schema`; regenerate it")
        jsonschema.Draft202012Validator.check_schema(json.loads(generated))
    print(f"{len(names)} plugin schemas checked: {' '.join(names)}")
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["jobs", "plugins"])
    parser.add_argument("--root", required=True, type=pathlib.Path)
    parser.add_argument("--apirunner", required=True)
    parser.add_argument("--plugin-dir", required=True)
    parser.add_argument("--write", action="store_true", help="jobs: write the generated $defs into the file")
    args = parser.parse_args()
    if args.what == "jobs":
        failures = check_jobs(args.root, args.apirunner, args.plugin_dir, args.write)
    else:
        failures = check_plugins(args.root, args.apirunner, args.plugin_dir)
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
