#!/usr/bin/env python3
"""Validates a promptgate project's YAML files against the JSON Schemas in schemas/.

An independent check of `promptgate schema`: Python's jsonschema (draft 2020-12) and PyYAML,
not promptgate's own validator or YAML reader.

usage: validate-schemas.py SCHEMA_DIR PROJECT_DIR... [--file KIND=PATH]...
Exit 0 when every file validates, 1 when one does not, 2 on a usage error.
"""
import glob
import json
import os
import sys

try:
    import jsonschema
    import yaml
except ImportError as error:  # the caller reports the skip
    print(f"skip: {error}; run 'make test-tools'", file=sys.stderr)
    sys.exit(77)


def project_files(root):
    """(kind, path) of every file promptgate reads in a project."""
    out = []
    config = os.path.join(root, "promptgate.yaml")
    if os.path.exists(config):
        out.append(("config", config))
    for path in sorted(glob.glob(os.path.join(root, "prompts", "*", "*.yaml"))):
        name = os.path.basename(path)
        if name == "release.yaml":
            out.append(("release", path))
        elif name.startswith("v"):
            out.append(("prompt", path))
    for pattern in ("*.yaml", "*.yml"):
        for path in sorted(glob.glob(os.path.join(root, "suites", pattern))):
            out.append(("suite", path))
    return out


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    schema_dir, rest = argv[0], argv[1:]
    files = []
    while rest:
        arg = rest.pop(0)
        if arg == "--file" and rest:
            kind, _, path = rest.pop(0).partition("=")
            files.append((kind, path))
        else:
            found = project_files(arg)
            if not found:
                print(f"{arg}: no promptgate files", file=sys.stderr)
                return 2
            files.extend(found)
    validators = {}
    for kind in ("config", "prompt", "suite", "release"):
        with open(os.path.join(schema_dir, f"{kind}.schema.json")) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft202012Validator(schema)
    failed = 0
    for kind, path in files:
        with open(path) as f:
            document = yaml.safe_load(f)
        errors = sorted(validators[kind].iter_errors(document), key=lambda e: list(e.path))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            print(f"{path}: {where}: {error.message}")
        print(f"{'FAIL' if errors else 'ok'} {kind} {path}")
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
