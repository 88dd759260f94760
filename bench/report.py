"""The benchmark's markdown table, with the performance targets (set for 100,000 articles)."""

TARGET_P95_MS = {"phrase": 300}
DEFAULT_TARGET_P95_MS = 150


def _mark(ok) -> str:
    return "—" if ok is None else ("✓" if ok else "✗")


def markdown(results: dict) -> str:
    s = results["summary"]
    n = results["settings"]["articles"]
    lines = [
        f"## Parley benchmark, {n:,} articles ({results['date']}, {results['machine']['cpus']} CPUs, "
        f"load at start {results['machine']['load_avg_at_start'][0]:.1f})",
        "",
        "Targets hold at 100,000 articles; at other sizes the marks are indicative.",
        "",
        "### Index build",
        "",
        "| | docs/s | wall s | index MB | peak RSS MB | target |",
        "|---|---|---|---|---|---|",
    ]
    parley, raw = results["build_parley"], results.get("build_raw_whoosh")
    lines.append(
        f"| Parley (`build_index`, {parley['procs']} processes) | {parley['docs_per_s']} | {parley['seconds']} | "
        f"{parley['index_mb']} | {parley['peak_rss_mb']} | ≥ 300/s {_mark(parley['docs_per_s'] >= 300)} |"
    )
    if raw:
        lines.append(
            f"| raw Whoosh, same schema, prepared docs ({raw['writer']}) | {raw['docs_per_s']} | {raw['seconds']} | "
            f"{raw['index_mb']} | {raw['peak_rss_mb']} | ceiling |"
        )
        lines.append(f"| **ratio Parley / raw** | **{s['build']['ratio_parley_to_raw']}** | | | | |")
    lines += [
        "",
        "### Search latency, warm (ms; medians of rounds)",
        "",
        "| query class | in process p50 | in process p95 | HTTP p50 | HTTP p95 | raw Whoosh p50 | target p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, numbers in s["in_process"].items():
        target = TARGET_P95_MS.get(name, DEFAULT_TARGET_P95_MS)
        raw_p50 = s["raw_whoosh"].get(name, {}).get("p50_ms", "")
        http = s["http"].get(name, {})
        lines.append(
            f"| {name} | {numbers['p50_ms']} | {numbers['p95_ms']} | {http.get('p50_ms')} | {http.get('p95_ms')} | "
            f"{raw_p50} | ≤ {target} {_mark(numbers['p95_ms'] <= target)} |"
        )
    lines.append("")
    lines.append(
        "raw Whoosh = `searcher.search(limit=20, groupedby=4 facets)` on the same index, the stock way "
        "(same run; its ratio to Parley shows what the per-generation caches buy)."
    )
    t = s["throughput"]
    reopen = s["reopen_s"]
    lines += [
        "",
        "### Throughput, memory, restart",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| requests/s, {results['settings']['clients']} clients, {results['settings']['workers']} workers "
        f"(median of {len(results['throughput'])} × {results['settings']['duration']:.0f} s) | "
        f"{t['requests_per_s']} | ≥ 30 {_mark(t['requests_per_s'] >= 30)} |",
        f"| errors (throughput + HTTP latency) | {t['errors'] + s['http_errors']} | 0 "
        f"{_mark(t['errors'] + s['http_errors'] == 0)} |",
        f"| peak RSS of a web worker, MB | {t['worker_peak_rss_mb']} | ≤ 250 "
        f"{_mark(t['worker_peak_rss_mb'] is not None and t['worker_peak_rss_mb'] <= 250)} |",
        f"| reopen after restart: open index, s | {reopen['open_s']} | |",
        f"| reopen after restart: first browse with all facets, s | {reopen['first_browse_with_facets_s']} | "
        f"< 2 {_mark(reopen['first_browse_with_facets_s'] < 2)} |",
    ]
    corpus = results["corpus"]
    lines.append(
        f"| corpus generation, articles/s | {corpus.get('articles_per_s')}"
        f"{' (reused)' if corpus.get('reused') else ''} | 100,000 in < 180 s |"
    )
    imp = results.get("import")
    if imp is None:
        lines.append("| import, articles/s | not measured: bench/import_bench.py does not exist yet | ≥ 300 |")
    else:
        lines.append(f"| import (bench/import_bench.py) | `{_short(imp)}` | ≥ 300/s |")
    exp = results.get("export")
    if exp is None:
        lines.append("| CSV export | not measured: /search/export.csv does not exist yet | worker < 250 MB |")
    else:
        lines.append(
            f"| CSV export: rows, s, worker peak RSS MB | {exp['rows']}, {exp['seconds']}, "
            f"{exp['worker_peak_rss_mb']} (status {exp['status']}) | worker < 250 MB |"
        )
    return "\n".join(lines) + "\n"


def _short(data: dict) -> str:
    text = ", ".join(f"{k}={v}" for k, v in data.items() if not isinstance(v, (dict, list)))
    return text[:200]
