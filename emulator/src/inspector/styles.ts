/** The inspector's stylesheet, served at `inspector/app.css`. */
export const INSPECTOR_STYLES = `:root {
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  color: #1d2327;
  line-height: 1.4;
}
body { margin: 0 auto; max-width: 90rem; padding: 0 1.5rem 3rem; }
header { display: flex; align-items: baseline; gap: 1.5rem; flex-wrap: wrap; border-bottom: 1px solid #d9dee2; }
h1 small, h2 small { font-weight: 400; color: #5f6b73; font-size: 0.7em; }
.intro, .hint { color: #5f6b73; }
.status { font-weight: 600; }
.status.offline, .status.problem { color: #a4161a; }
.count { font-weight: 400; color: #5f6b73; font-size: 0.8em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin-bottom: 0.5rem; }
th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #e5e8eb; vertical-align: top; }
th { background: #f4f6f7; font-weight: 600; }
td { font-variant-numeric: tabular-nums; }
td.empty { color: #5f6b73; font-style: italic; }
tr.new td { animation: arrived 3s ease-out; }
@keyframes arrived { from { background: #fff3b0; } to { background: transparent; } }
code, td.mono { font-family: ui-monospace, Menlo, monospace; font-size: 0.85em; }
td.mono { overflow-wrap: anywhere; }
button { font: inherit; padding: 0.3rem 0.8rem; border-radius: 4px; border: 1px solid #d9dee2; background: #fff; cursor: pointer; }
`;
