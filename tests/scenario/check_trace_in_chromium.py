"""Opens a trace-event file in headless Chromium, whose JavaScript parses it and checks each
event's fields: the browser's own JSON reader, as the trace viewers use it (ui.perfetto.dev
itself needs the network). Exit code 0: valid; 1: not; 77: no Chromium here (CTest: skipped).

  check_trace_in_chromium.py TRACE.json
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIPPED = 77

PAGE = """<html><head><title>pending</title></head><body>
<script id="trace" type="application/json">{trace}</script>
<script>
const element = document.getElementById("trace");
let verdict;
try {{
  const trace = JSON.parse(element.textContent);
  const bad = trace.traceEvents.filter(e =>
      typeof e.ph !== "string" || typeof e.name !== "string" || !Number.isInteger(e.pid) ||
      !Number.isInteger(e.tid) || (e.ph !== "M" && typeof e.ts !== "number") ||
      (e.ph === "X" && typeof e.dur !== "number"));
  verdict = bad.length ? "invalid " + JSON.stringify(bad[0]) : "ok " + trace.traceEvents.length;
}} catch (error) {{
  verdict = "error " + error.message;
}}
element.remove();
document.title = verdict;
</script></body></html>
"""


def main(path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("no chromium: skipped (apt-get install chromium to run this check)")
        return SKIPPED
    with open(path, encoding="utf-8") as f:
        trace = f.read().replace("</", "<\\/")  # the same JSON, and no end of the script element
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "trace.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(PAGE.format(trace=trace))
        dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                              "--dump-dom", "file://" + page], capture_output=True, text=True,
                             timeout=120).stdout
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    verdict = title.group(1) if title else "no page"
    print(f"{path}: chromium: {verdict}")
    return 0 if verdict.startswith("ok ") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
