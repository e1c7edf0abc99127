"""The HTML report's stylesheet (a module, not a data file, so every install carries it)."""

CSS = """
:root { --ink: #1d2733; --muted: #5f6b7a; --line: #d9dee5; --brand: #b71c1c;
        --approval: #1f5fa8; --service: #f39c12; --bg: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 14px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
             "Source Han Sans SC", sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 28px 40px; background: #fff; }
header { border-bottom: 3px solid var(--brand); margin-bottom: 18px; }
header h1 { margin: 0 0 4px; font-size: 26px; color: var(--brand); letter-spacing: 1px; }
header p { margin: 0 0 10px; color: var(--muted); }
h2 { font-size: 19px; margin: 30px 0 12px; padding-left: 10px;
     border-left: 5px solid var(--brand); }
h3 { margin: 0 0 6px; font-size: 16px; }
.kpis { display: grid; grid-template-columns: repeat(8, 1fr); gap: 10px; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px;
       background: linear-gradient(#fff, #fafbfc); }
.kpi .label { color: var(--muted); font-size: 13px; }
.kpi .value { font-size: 26px; font-weight: 700; color: var(--ink); }
.kpi .sub { color: var(--muted); font-size: 12px; }
.headline { font-size: 16px; background: #fff8e1; border: 1px solid #ffe082;
            border-radius: 6px; padding: 10px 14px; margin: 16px 0 0; }
.two { display: grid; grid-template-columns: 1.25fr 1fr; gap: 18px; align-items: start; }
.chart { min-width: 0; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
caption { text-align: left; font-weight: 700; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; white-space: nowrap; }
th { background: #eef2f7; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafbfc; }
tfoot td { font-weight: 700; background: #f1f3f5; }
td.best { color: #1b7f3b; font-weight: 700; }
td.worst, td.warn { color: #c0392b; font-weight: 700; }
.note { color: var(--muted); font-size: 12.5px; margin: 6px 0; }
.honours { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.honour { border-radius: 8px; padding: 10px 16px; }
.honour.best { background: #e8f5e9; border: 1px solid #a5d6a7; }
.honour.worst { background: #fdecea; border: 1px solid #f5b7b1; }
.honour ol { margin: 0; padding-left: 20px; }
.stars { color: #e6a100; letter-spacing: 1px; }
details { margin: 10px 0; }
summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
footer { margin-top: 30px; color: var(--muted); font-size: 12px;
         border-top: 1px solid var(--line); padding-top: 8px; }
@media (max-width: 1100px) { .kpis { grid-template-columns: repeat(4, 1fr); }
                             .two, .honours { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } main { max-width: none; padding: 0; }
               details { display: block; } h2 { break-after: avoid; }
               .chart, table { break-inside: avoid; } }
"""
