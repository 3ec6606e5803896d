// Validates every object of the given multi-document YAML files against the Kubernetes API schemas that
// kubernetes-models ships (Kubernetes v1.33, see package.json), offline. Prints one line per object and exits 1
// when any object is invalid or of a kind the schemas do not know. Used by k8s/src/test/.../ManifestSchemaTest.
// These schemas check types, required fields and enums; they do not refuse unknown fields (kubectl's strict
// field validation would), so ChartPolicyTest checks the fields that matter by name.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const failures = [];
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      failures.push(`${file}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object == null) continue;
    const { apiVersion, kind } = object;
    const name = `${file}: ${kind} ${object.metadata?.name}`;
    // kubernetes-models/v1/Service, kubernetes-models/apps/v1/Deployment, kubernetes-models/networking.k8s.io/v1/...
    const path = `kubernetes-models/${apiVersion}/${kind}`;
    let model;
    try {
      model = (await import(path))[kind];
    } catch (e) {
      failures.push(`${name}: no schema for ${apiVersion} ${kind}`);
      continue;
    }
    try {
      new model(object).validate();
      checked++;
      console.log(`valid   ${name}`);
    } catch (e) {
      failures.push(`${name}: ${e.message}`);
    }
  }
}
for (const failure of failures) console.log(`INVALID ${failure}`);
console.log(`${checked} objects valid, ${failures.length} invalid`);
process.exit(failures.length === 0 && checked > 0 ? 0 : 1);
