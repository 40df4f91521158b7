"""Per-layer times of a dbt build, from its target/run_results.json and manifest.json.

Each node (model, test, unit test, seed, hook) is put in the layer of the folder it is
defined in: models/staging/... -> staging, models/intermediate/... -> intermediate,
models/marts/... -> marts, seeds/... -> seeds; tests defined in a model folder's YAML
(the load checks on the sources, the unit tests) go with that folder. Python models are
their own layer, "python". A layer's time is the sum of its nodes' execution times; with
several dbt threads the layers overlap, so their sum exceeds the build's wall time.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path

LAYERS = ("seeds", "staging", "intermediate", "python", "marts", "other")


def node_layer(node: dict) -> str:
    if node.get("language") == "python":
        return "python"
    parts = Path(node.get("original_file_path", "")).parts
    if parts[:1] == ("seeds",):
        return "seeds"
    if len(parts) >= 2 and parts[0] == "models" and parts[1] in LAYERS:
        return parts[1]
    if len(parts) >= 3 and parts[:2] == ("tests", "dbt") and parts[2] in LAYERS:
        return parts[2]
    return "other"


def _nodes(manifest: dict) -> dict[str, dict]:
    nodes = dict(manifest.get("nodes", {}))
    nodes.update(manifest.get("unit_tests", {}))
    return nodes


def _interval(result: dict) -> tuple[float, float] | None:
    """(start, end) in seconds since the epoch of a node's compile and execute steps."""
    stamps = []
    for step in result.get("timing", []):
        for key in ("started_at", "completed_at"):
            if step.get(key):
                stamps.append(datetime.fromisoformat(step[key].replace("Z", "+00:00")))
    if not stamps:
        return None
    return min(stamps).timestamp(), max(stamps).timestamp()


def layer_times(target: Path) -> dict:
    """{"layers": {layer: {"seconds", "span_seconds", "nodes", "by_type": {type: seconds}}},
    "dbt_elapsed_seconds", "slowest": [(unique_id, seconds), ...]}. A layer's seconds
    are the sum of its nodes' execution times; its span runs from the first start to the
    last end of its nodes."""
    results = json.loads((Path(target) / "run_results.json").read_text())
    manifest = json.loads((Path(target) / "manifest.json").read_text())
    nodes = _nodes(manifest)
    layers: dict[str, dict] = defaultdict(
        lambda: {"seconds": 0.0, "nodes": 0, "by_type": defaultdict(float), "intervals": []}
    )
    timed = []
    for result in results["results"]:
        uid = result["unique_id"]
        node = nodes.get(uid, {})
        layer = node_layer(node) if node else "other"
        kind = uid.split(".", 1)[0]
        seconds = float(result.get("execution_time") or 0.0)
        entry = layers[layer]
        entry["seconds"] += seconds
        entry["nodes"] += 1
        entry["by_type"][kind] += seconds
        interval = _interval(result)
        if interval:
            entry["intervals"].append(interval)
        timed.append((uid, round(seconds, 3)))
    timed.sort(key=lambda x: -x[1])
    out = {
        layer: {
            "seconds": round(v["seconds"], 3),
            "span_seconds": round(
                max((e for _, e in v["intervals"]), default=0.0)
                - min((s for s, _ in v["intervals"]), default=0.0),
                3,
            ),
            "nodes": v["nodes"],
            "by_type": {k: round(s, 3) for k, s in sorted(v["by_type"].items())},
        }
        for layer, v in sorted(layers.items(), key=lambda kv: LAYERS.index(kv[0]))
    }
    return {
        "layers": out,
        "dbt_elapsed_seconds": round(float(results.get("elapsed_time") or 0.0), 3),
        "slowest": timed[:10],
    }


def upstream_models(manifest_path: Path, model: str) -> set[str]:
    """unique_ids of the models `model` (a name) depends on, itself included."""
    manifest = json.loads(Path(manifest_path).read_text())
    parents = manifest["parent_map"]
    start = [uid for uid in parents if uid.startswith("model.") and uid.endswith("." + model)]
    seen: set[str] = set()
    todo = list(start)
    while todo:
        uid = todo.pop()
        if uid in seen or not uid.startswith("model."):
            continue
        seen.add(uid)
        todo.extend(parents.get(uid, []))
    return seen


def models_seconds(target: Path, unique_ids: set[str]) -> float:
    results = json.loads((Path(target) / "run_results.json").read_text())
    return round(
        sum(
            float(r.get("execution_time") or 0.0)
            for r in results["results"]
            if r["unique_id"] in unique_ids
        ),
        3,
    )


def seconds_until(target: Path, model: str) -> float | None:
    """Seconds from the start of the build's first node to the end of `model` (a name):
    how long dbt took to have that model built, tests of its parents included."""
    results = json.loads((Path(target) / "run_results.json").read_text())
    intervals = {r["unique_id"]: _interval(r) for r in results["results"]}
    starts = [i[0] for i in intervals.values() if i]
    ends = [i[1] for uid, i in intervals.items() if i and uid.endswith("." + model)]
    if not starts or not ends:
        return None
    return round(max(ends) - min(starts), 3)
