#!/usr/bin/env python3
"""Draws the panels of docs/grafana-dashboard.json as one SVG, from a real Prometheus.

Each panel's queries are the dashboard's own PromQL, evaluated by Prometheus' query_range API
over a window of a run; this script only lays the answers out on Grafana's grid (24 columns,
30 px rows) and draws lines and numbers. It is not Grafana: no Grafana runs here.

usage: render-dashboard.py PROMETHEUS_URL START END DASHBOARD_JSON OUTPUT_SVG [CAPTION]
(START and END in Unix seconds). Standard library only.
"""
import json
import math
import sys
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from html import escape

COLUMN = 50  # px per grid column: 24 columns, 1200 px
ROW = 30  # px per grid row, as Grafana
GAP = 8
PALETTE = ["#73bf69", "#f2cc0c", "#5794f2", "#ff780a", "#b877d9", "#f2495c", "#8ab8ff", "#96d98d"]
BACKGROUND, PANEL, GRID, TEXT, MUTED = "#111217", "#181b1f", "#2c3036", "#d8d9da", "#8e8e8e"


def query_range(prometheus, expr, start, end, step):
    url = f"{prometheus}/api/v1/query_range?" + urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(url, timeout=30) as response:
        answer = json.load(response)
    if answer.get("status") != "success":
        raise RuntimeError(f"{expr}: {answer}")
    return answer["data"]["result"]


def legend(template, expr, labels):
    if not template:
        return expr
    for key, value in labels.items():
        template = template.replace("{{" + key + "}}", value)
    return template


def number(value, unit):
    if unit == "s":
        if value == 0:
            return "0 s"
        if value < 1:
            return f"{value * 1000:.3g} ms"
        return f"{value:.3g} s"
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value / 1000:.3g}k"
    return f"{value:.3g}"


def nice_ceiling(value):
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def series_of(prometheus, panel, start, end, step):
    found = []
    for target in panel.get("targets", []):
        for result in query_range(prometheus, target["expr"], start, end, step):
            points = [(float(t), float(v)) for t, v in result["values"] if v not in ("NaN", "+Inf", "-Inf")]
            found.append((legend(target.get("legendFormat"), target["expr"], result["metric"]), points))
    return found


def time_series(svg, x, y, width, height, series, unit, start, end):
    left, right, top, bottom = x + 52, x + width - 12, y + 34, y + height - 44
    peak = nice_ceiling(max([v for _, points in series for _, v in points] or [0]))
    for i in range(5):
        gy = bottom - (bottom - top) * i / 4
        svg.append(f'<line x1="{left}" y1="{gy:.1f}" x2="{right}" y2="{gy:.1f}" stroke="{GRID}"/>')
        svg.append(f'<text x="{left - 6}" y="{gy + 4:.1f}" fill="{MUTED}" font-size="10" text-anchor="end">{escape(number(peak * i / 4, unit))}</text>')
    for i in range(5):
        t = start + (end - start) * i / 4
        gx = left + (right - left) * i / 4
        label = datetime.fromtimestamp(t, timezone.utc).strftime("%H:%M")
        svg.append(f'<text x="{gx:.1f}" y="{bottom + 14}" fill="{MUTED}" font-size="10" text-anchor="middle">{label}</text>')
    for index, (name, points) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        path = " ".join(
            f"{left + (right - left) * (t - start) / (end - start):.1f},{bottom - (bottom - top) * v / peak:.1f}" for t, v in points)
        if path:
            svg.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.6"/>')
        rows = math.ceil(len(series) / 4)
        lx = x + 12 + (index % 4) * ((width - 24) / 4)
        ly = y + height - 4 - 14 * (rows - 1 - index // 4)
        svg.append(f'<rect x="{lx:.1f}" y="{ly - 7}" width="10" height="3" fill="{colour}"/>')
        svg.append(f'<text x="{lx + 14:.1f}" y="{ly - 2}" fill="{TEXT}" font-size="10">{escape(name)}</text>')
    if not series:
        svg.append(f'<text x="{(left + right) / 2}" y="{(top + bottom) / 2}" fill="{MUTED}" font-size="12" text-anchor="middle">No data</text>')


def stat(svg, x, y, width, height, series, unit):
    last = [points[-1][1] for _, points in series if points]
    text = number(max(last), unit) if last else "No data"
    svg.append(f'<text x="{x + width / 2}" y="{y + height / 2 + 18}" fill="#73bf69" font-size="40" text-anchor="middle">{escape(text)}</text>')


def main():
    prometheus, start, end, dashboard_path, output = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
    caption = sys.argv[6] if len(sys.argv) > 6 else ""
    dashboard = json.load(open(dashboard_path, encoding="utf-8"))
    step = max(5, int((end - start) / 120))
    panels = dashboard["panels"]
    header = 40
    height = header + max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in panels) * ROW + 28
    width = 24 * COLUMN
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="Inter, Helvetica, Arial, sans-serif">',
           f'<rect width="{width}" height="{height}" fill="{BACKGROUND}"/>',
           f'<text x="{GAP}" y="26" fill="{TEXT}" font-size="16">{escape(dashboard.get("title", ""))}</text>']
    for panel in panels:
        grid = panel["gridPos"]
        x, y = grid["x"] * COLUMN + GAP / 2, header + grid["y"] * ROW + GAP / 2
        w, h = grid["w"] * COLUMN - GAP, grid["h"] * ROW - GAP
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "short")
        series = series_of(prometheus, panel, start, end, step)
        svg.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3" fill="{PANEL}" stroke="{GRID}"/>')
        svg.append(f'<text x="{x + 10}" y="{y + 20}" fill="{TEXT}" font-size="12" font-weight="600">{escape(panel.get("title", ""))}</text>')
        if panel.get("type") == "stat":
            stat(svg, x, y, w, h, series, unit)
        else:
            time_series(svg, x, y, w, h, series, unit, start, end)
    svg.append(f'<text x="{GAP}" y="{height - 10}" fill="{MUTED}" font-size="11">{escape(caption)}</text>')
    svg.append("</svg>")
    with open(output, "w", encoding="utf-8") as file:
        file.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
