// bench's report: reads the runs from the inert JSON block and plots them with uPlot. Everything a
// run says is put on the page with textContent (as uPlot does with its labels): text, never markup.
"use strict";
(function () {
  const runs = JSON.parse(document.getElementById("runs").textContent);
  const palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];
  const width = Math.max(600, Math.min(1100, document.documentElement.clientWidth - 60));
  const plots = document.getElementById("plots");

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function num(v, digits) {
    return v === null || v === undefined ? "" : Number(v).toLocaleString("en", {maximumFractionDigits: digits});
  }

  // the runs side by side, as text
  const table = document.getElementById("runs-table");
  const rows = [
    ["run", r => r.label],
    ["target", r => r.summary.target],
    ["loop", r => r.summary.model + (r.summary.targetRate ? " at " + num(r.summary.targetRate, 0) + "/s asked" : "")],
    ["connections", r => r.summary.connections],
    ["answered", r => num(r.summary.answered, 0) + " in " + num(r.summary.seconds, 1) + " s (" + num(r.summary.perSecond, 0) + "/s)"],
    ["errors", r => num(r.summary.errors, 0)],
    ["latency", r => r.summary.latency ? Object.entries(r.summary.latency).map(([k, v]) => k + " " + num(v, 2) + " ms").join("  ") : "nothing answered"],
    ["thresholds", r => r.summary.thresholds ? r.summary.thresholds.map(v => v.threshold + (v.holds ? " ok" : " BROKEN")).join(", ") : ""],
    ["breaking point", r => r.summary.breakingPoint ? r.summary.breakingPoint.broken.join(", ") + " at " + num(r.summary.breakingPoint.target, 0) + "/s asked" : ""],
  ];
  for (const [name, value] of rows) {
    const tr = el("tr");
    tr.appendChild(el("th", name));
    runs.forEach(r => {
      const text = value(r);
      tr.appendChild(el("td", text, name === "thresholds" && /BROKEN/.test(text) ? "broken" : ""));
    });
    table.appendChild(tr);
  }

  // one plot: a heading, a line of explanation, and uPlot's chart; data-drawn counts its points once drawn
  function plot(id, title, note, opts, data) {
    const box = el("div", null, "plot");
    box.id = id;
    box.appendChild(el("h2", title));
    box.appendChild(el("p", note));
    plots.appendChild(box);
    opts.width = width;
    opts.height = opts.height || 260;
    opts.hooks = {draw: [u => {
      let points = 0;
      for (let s = 1; s < u.data.length; s++) points += u.data[s].filter(v => v !== null && v !== undefined).length;
      box.dataset.drawn = String(points);
    }]};
    return new uPlot(opts, data, box);
  }

  function seriesOf(label, color, extra) {
    return Object.assign({label: label, stroke: color, width: 1.5, spanGaps: true, points: {show: false}}, extra || {});
  }

  function overlay(columns) {
    // every run's seconds on one x axis: uPlot.join lines the columns up, null where a run has none
    return uPlot.join(runs.map(r => [r.t].concat(columns(r))));
  }

  const timeAxis = {label: "seconds from the start"};
  const many = runs.length > 1;

  plot("throughput", "Answers a second", "answered each second; dashed: the rate the timetable asked for",
    {scales: {x: {time: false}}, axes: [timeAxis, {label: "per second"}],
     series: [{label: "second"}].concat(runs.flatMap((r, i) => [
       seriesOf(r.label + " answered", palette[i % palette.length]),
       seriesOf(r.label + " asked", palette[i % palette.length], {dash: [6, 4], width: 1})]))},
    overlay(r => [r.answered, r.target]));

  plot("latency", "Latency each second", "p50, p99 and the slowest answer of each second, in milliseconds",
    {scales: {x: {time: false}}, axes: [timeAxis, {label: "ms"}],
     series: [{label: "second"}].concat(runs.flatMap((r, i) => [
       seriesOf((many ? r.label + " " : "") + "p50", palette[i % palette.length], {width: 1}),
       seriesOf((many ? r.label + " " : "") + "p99", palette[i % palette.length], {width: 2}),
       seriesOf((many ? r.label + " " : "") + "max", palette[i % palette.length], {width: 1, dash: [2, 3]})]))},
    overlay(r => [r.p50, r.p99, r.max]));

  // the percentile axis ticks at 0%, 90%, 99%, 99.9%...: x = 1/(1-p) at each power of ten
  function decades(u) {
    const ticks = [1];
    while (ticks[ticks.length - 1] < u.scales.x.max) ticks.push(ticks[ticks.length - 1] * 10);
    return ticks;
  }
  const spectrum = uPlot.join(runs.map(r => [r.spectrum.x, r.spectrum.y]));
  plot("spectrum", "Latency by percentile", "the whole run's latency at each percentile, as HdrHistogram plots it (log axis)",
    {scales: {x: {time: false, distr: 3, log: 10}},
     axes: [{label: "percentile", splits: decades, values: (u, ticks) => ticks.map(v => num(100 * (1 - 1 / v), 4) + "%")},
            {label: "ms"}],
     series: [{label: "percentile", value: (u, v) => v === null ? "--" : num(100 * (1 - 1 / v), 4) + "%"}].concat(
       runs.map((r, i) => seriesOf(r.label, palette[i % palette.length], {width: 2})))},
    spectrum);

  const bars = uPlot.paths.bars({size: [0.8, 40]});
  plot("errors", "Errors a second", "requests that failed each second, whatever the cause",
    {scales: {x: {time: false}}, axes: [timeAxis, {label: "per second"}],
     series: [{label: "second"}].concat(runs.map((r, i) => seriesOf(r.label + " errors", palette[(i + 1) % palette.length],
       {paths: bars, fill: palette[(i + 1) % palette.length] + "99"})))},
    overlay(r => [r.errors]));

  runs.forEach((r, i) => {
    if (!r.replicas) return;
    plot("replicas-" + i, "Replicas' shares" + (many ? ": " + r.label : ""), "each replica's share of each second's answers, in percent",
      {scales: {x: {time: false}, y: {range: [0, 100]}}, axes: [timeAxis, {label: "%"}],
       series: [{label: "second"}].concat(r.replicas.names.map((name, j) => seriesOf(name, palette[j % palette.length], {width: 2})))},
      [r.t].concat(r.replicas.shares));
  });
})();
