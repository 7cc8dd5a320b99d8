#!/usr/bin/env bash
# Runs every course notebook (or the ones named) headless in the real .NET Interactive kernel, the
# `dotnet interactive` tool pinned in .config/dotnet-tools.json, through Jupyter, and checks what the
# test suite checks in our in-process runner: no error output, nothing on stderr (compiler warnings),
# no training view left on its first frame, no stray <null>. The executed copies go to a temporary
# folder; the committed notebooks are not touched.
#
# Needs Jupyter and the kernel registered: tests/kernel/setup-jupyter.sh does both (Debian's packages
# when missing, the pinned tool), and runs first.
# Usage: tests/kernel/run-in-jupyter.sh [--full] [notebooks/NN-name.ipynb …]
set -euo pipefail
cd "$(dirname "$0")/../.."

quick=1
if [[ "${1:-}" == "--full" ]]; then quick=0; shift; fi
notebooks=("$@")
if [[ ${#notebooks[@]} -eq 0 ]]; then notebooks=(notebooks/*.ipynb); fi

tests/kernel/setup-jupyter.sh > /dev/null
dotnet build course.sln -c Release > /dev/null

out=$(mktemp -d)
failed=0
for notebook in "${notebooks[@]}"; do
  name=$(basename "$notebook")
  start=$(date +%s)
  # Jupyter starts the kernel in the notebook's folder, as VS Code does: #r "../artifacts/lib/Llm.dll" resolves there.
  if ! (cd "$(dirname "$notebook")" && LLM_QUICK=$quick jupyter nbconvert --to notebook --execute \
          --ExecutePreprocessor.kernel_name=.net-csharp --ExecutePreprocessor.timeout=900 \
          --output "$out/$name" "$name" > "$out/$name.log" 2>&1); then
    echo "$name: nbconvert failed (see $out/$name.log)"; failed=1; continue
  fi
  problems=$(python3 - "$out/$name" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
for number, cell in enumerate((c for c in nb["cells"] if c["cell_type"] == "code"), 1):
    for output in cell.get("outputs", []):
        text = json.dumps(output, ensure_ascii=False)
        if output["output_type"] == "error":
            print(f"code cell {number}: error {output['evalue'][:200]}")
        elif output.get("name") == "stderr":
            print(f"code cell {number}: stderr {''.join(output['text'])[:200]}")
        elif "waiting for the first step" in text:
            print(f"code cell {number}: a training view still shows its first frame")
        elif "".join(output.get("data", {}).get("text/plain", [])) == "<null>":
            print(f"code cell {number}: a stray <null> value")
PY
)
  if [[ -n "$problems" ]]; then echo "$name: FAILED in $(( $(date +%s) - start )) s"; echo "$problems" | sed 's/^/  /'; failed=1
  else echo "$name: ran in the real kernel in $(( $(date +%s) - start )) s"; fi
done
echo "executed copies: $out"
exit $failed
