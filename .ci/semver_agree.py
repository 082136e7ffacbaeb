"""Checks that every breaking change cargo-semver-checks reports for a feature is covered by
a breaking change of `codegen diff`: usage: semver_agree.py FEATURE SEMVER_OUTPUT DIFF_JSON.
Prints the counts and each finding that no breaking change covers; exits 1 if there is one."""
import json, re, sys

feature, raw, diff = sys.argv[1], open(sys.argv[2]).read(), json.load(open(sys.argv[3]))
breaking = [c for c in diff["changes"] if c["class"] == "breaking"]
last = lambda item: item.split("::")[-1]
# Types and requests a user of `feature` loses, and the owners of changed members.
gone, items, retyped_to = set(), set(), set()
for c in breaking:
    name = last(c["item"])
    if c["kind"] == "type-left-feature" and f"`{feature}`" in c["detail"]:
        gone.add(name)
    if c["kind"] == "request-moved" and f"was under `{feature}`" in c["detail"]:
        gone.add(name)
    if c["kind"] in ("request-removed", "type-removed"):
        gone.add(name)
    if c["kind"] == "base-type-changed":
        gone.add(name)  # it leaves its old base's family
    if c["kind"] == "response-retyped":
        retyped_to.update(re.findall(r"types::(\w+)`, returned", c["detail"]))
        items.add(name + "Response")
    if c["kind"] == "feature-removed":
        items.add("feature " + c["item"])
    items.add(name)
    items.add("::".join(c["item"].split("::")[-2:]))
    if c["kind"] in ("property-removed", "property-retyped", "property-collection-changed"):
        # The enum made from the property's values, or the union of its types, goes with it.
        owner, prop = c["item"].split("::")[-2:]
        items.add(owner + "".join(w.capitalize() for w in prop.split("_")))

def covered(kind, name):
    if kind == "feature":
        return name in items
    if kind in ("const", "method"):
        return name.split("::")[0] in retyped_to
    if kind == "variant":
        enum, variant = name.split("::")
        return variant in gone or name in items
    base = name.split("::")[0]
    request = re.sub(r"(Path|Body|Query|Response)$", "", base)
    if base in items or request in gone or base in gone or name in items:
        return True
    # An item of a type that left: its `Any` family, its property enums and unions; or a
    # family that no property uses any more, each such property being retyped.
    return (any(base.startswith(t) and base != t for t in gone)
            or (base.startswith("Any") and base[3:] in gone)
            or any(re.search(rf"types::{base}\b.*->", c["detail"]) for c in breaking))

findings = [(m[0], m[1].split("::")[-1].rstrip(",")) for m in re.findall(r"^\s+(enum|struct) ([^\s,]+)", raw, re.M)]
findings += [("variant", m) for m in re.findall(r"^\s+variant (\S+), previously", raw, re.M)]
findings += [("feature", "feature " + m) for m in re.findall(r"^\s+feature (\S+) in the package", raw, re.M)]
findings += [("field", f"{s}::{f}") for f, s in re.findall(r"^\s+field (\S+) of struct (\S+),", raw, re.M)]
findings += [("const", f"{t}::{c}") for t, c in re.findall(r"^\s+(\w+)::([A-Z_]+), previously at", raw, re.M)]
findings += [("method", f"{t}::{m}") for t, m in re.findall(r"^\s+(\w+)::([a-z_]+), previously in", raw, re.M)]
missed = [f for f in findings if not covered(*f)]
print(f"{feature}: cargo-semver-checks reports {len(findings)}; {len(findings) - len(missed)} covered by a breaking change of codegen diff, {len(missed)} not")
for kind, name in missed:
    print(f"  not covered: {kind} {name}")
sys.exit(1 if missed else 0)
