"""Small fixes by people, described in a sentence or two: what the shipped model reads as agent-like.

Ten hand-written PRs (written in the twenty-sixth session, before its candidate was trained; none
is from ``../shared``): a diff of at most six changed lines in Go, Python, Rust, TypeScript, Java,
YAML or C, one commit whose body is the description, as GitHub fills a one-commit PR's. Each is
scored by ``score()`` as the offline CLI reads it, with its description and without, for every
model given (default: the shipped one)::

    python benchmarks/prose_probe.py [MODEL.skops ...]

Prints one line per PR and model, then per model the mean score and the count in ``medium`` or
above and in ``high`` (models/HISTORY.md, "Twenty-sixth session").
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from bot.scoring import ScoreConfig, score
from bot.snapshot import Commit, FileChange, PRSnapshot

# (title, description, path, patch)
PRS = (
    ("Fix nil pointer when the informer cache is empty",
     "List() returned nil when the cache had not synced yet and the caller dereferenced it. "
     "Return an empty slice instead.",
     "pkg/controller/cache.go",
     "@@ -41,7 +41,7 @@ func (c *Cache) List() []*v1.Pod {\n \tif !c.synced {\n-\t\treturn nil\n"
     "+\t\treturn []*v1.Pod{}\n \t}\n"),
    ("Close the response body on retry",
     "We leaked a connection every time the first attempt failed with a 503.",
     "internal/client/retry.go",
     "@@ -88,6 +88,7 @@ func (r *Retrier) Do(req *http.Request) (*http.Response, error) {\n"
     " \t\tif resp.StatusCode == http.StatusServiceUnavailable {\n+\t\t\tresp.Body.Close()\n \t\t\tcontinue\n"),
    ("Use the configured timeout in the health check",
     "The health check ignored --timeout and always waited 30s.",
     "src/health.py",
     "@@ -12,7 +12,7 @@ def check(url, timeout):\n-    return requests.get(url, timeout=30).ok\n"
     "+    return requests.get(url, timeout=timeout).ok\n"),
    ("Handle empty lines in the parser",
     "A trailing blank line made the parser panic on index 0. Skip empty lines before splitting.",
     "src/parser.rs",
     "@@ -20,6 +20,9 @@ fn parse_line(line: &str) -> Option<Entry> {\n+    if line.trim().is_empty() {\n"
     "+        return None;\n+    }\n     let parts: Vec<&str> = line.split('=').collect();\n"),
    ("Fix off-by-one in pagination",
     "The last page was never requested when the total was an exact multiple of the page size.",
     "web/src/api/paginate.ts",
     "@@ -5,7 +5,7 @@ export function pageCount(total: number, size: number): number {\n"
     "-  return Math.floor(total / size);\n+  return Math.ceil(total / size);\n"),
    ("Log the job id when a job fails",
     "Without the id there is no way to find the failed job in the queue.",
     "worker/src/main/java/org/example/Worker.java",
     "@@ -57,7 +57,7 @@ public class Worker {\n     } catch (JobException e) {\n"
     "-      log.error(\"job failed\", e);\n+      log.error(\"job {} failed\", job.getId(), e);\n"),
    ("Bump the memory limit of the exporter",
     "It gets OOM-killed on clusters with more than a few hundred nodes. 256Mi has been enough on ours.",
     "deploy/exporter.yaml",
     "@@ -30,7 +30,7 @@ spec:\n           resources:\n             limits:\n-              memory: 128Mi\n"
     "+              memory: 256Mi\n"),
    ("Check the return value of malloc",
     "Found while running under a low ulimit.",
     "src/buffer.c",
     "@@ -14,6 +14,8 @@ struct buffer *buffer_new(size_t cap) {\n     struct buffer *b = malloc(sizeof(*b));\n"
     "+    if (b == NULL)\n+        return NULL;\n     b->data = malloc(cap);\n"),
    ("Respect NO_COLOR",
     "See https://no-color.org. Only the default changes; --color still wins.",
     "cli/output.py",
     "@@ -8,7 +8,7 @@ import os\n def use_color(flag):\n     if flag is not None:\n         return flag\n"
     "-    return sys.stdout.isatty()\n+    return sys.stdout.isatty() and \"NO_COLOR\" not in os.environ\n"),
    ("Fix typo in the metric name",
     "It was registered as scheduler_queue_lenght, so the dashboard showed nothing.",
     "pkg/scheduler/metrics.go",
     "@@ -19,7 +19,7 @@ var queueLength = prometheus.NewGauge(prometheus.GaugeOpts{\n"
     "-\tName: \"scheduler_queue_lenght\",\n+\tName: \"scheduler_queue_length\",\n"),
)


def snapshot(title: str, body: str, path: str, patch: str) -> PRSnapshot:
    added = sum(line.startswith("+") for line in patch.splitlines())
    removed = sum(line.startswith("-") for line in patch.splitlines())
    change = FileChange(path, "modified", added, removed, patch)
    return PRSnapshot(title=title, body=body, commits=(Commit(f"{title}\n\n{body}"),), files=(change,),
                      files_changed=1, additions=added, deletions=removed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", type=Path, help="model files (default: the shipped one)")
    args = parser.parse_args()
    for model in args.models or [None]:
        config = ScoreConfig(model_path=str(model) if model else None)
        results = []
        for pr in PRS:
            snap = snapshot(*pr)
            with_words, without = score(snap, config), score(replace(snap, body=""), config)
            results.append(with_words)
            print(f"{with_words.score:3d} {with_words.band:6} p={with_words.probability:.3f}   "
                  f"(no description: {without.score:3d} {without.band:6})  {pr[0]}")
        flagged = sum(r.band != "low" for r in results)
        print(f"model {results[0].model_version}: mean {sum(r.score for r in results) / len(results):.1f}, "
              f"medium or above {flagged} of {len(results)}, high {sum(r.band == 'high' for r in results)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
