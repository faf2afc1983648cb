/**
 * The report page's script: plain JavaScript (no framework, nothing fetched), kept as text and
 * inlined into the page. It reads the run from the `flowc-run` data element and draws the
 * timeline as SVG: lanes, invocation bars (packed into rows when they overlap at the zoom),
 * retry links, messages between lanes, badges for what AWS did, and bins for long runs.
 * Clicking a bar shows its event, its result and its trace lines.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('flowc-run').textContent);
  var chart = document.getElementById('chart');
  var scroller = document.getElementById('scroller');
  var labels = document.getElementById('lane-labels');
  var details = document.getElementById('details');
  var ROW = 12, GAP = 3, PAD = 7, AXIS = 24, MIN_W = 5, MAX_ROWS = 8, RIGHT = 70, MIN_LANE = 36, BADGE = 13, BIN_H = 26;
  var domain = Math.max(data.lastMs, 1000) * 1.02;
  var scale = 1, fitScale = 1, selected = -1;
  var OUTCOME = { success: 'succeeded', retried: 'failed, tried again', failure: 'failed for good', timeout: 'timed out', unknown: 'no end in the trace: the run stopped first, or the trace was full' };
  var KIND = { input: 'input', 'function': 'function', queue: 'queue', 'fifo-queue': 'FIFO queue', topic: 'topic', bus: 'event bus', stream: 'stream', table: 'table', other: 'the app' };
  var ARROW_COLOR = { message: '#78909c', poll: '#37474f', success: '#2e7d32', failure: '#c62828', 'dead-letter': '#c62828', 'on-failure': '#c62828' };
  var BADGE_COLOR = { 'dead-letter': '#c62828', 'on-failure': '#c62828', bisect: '#1565c0', duplicate: '#757575', expire: '#757575', filtered: '#757575', throttle: '#f9a825', warning: '#ef6c00', partial: '#ef6c00' };
  var retriedBy = data.invocations.map(function () { return []; });
  var indexOf = {};
  data.invocations.forEach(function (inv, i) { indexOf[inv.id] = i; });
  data.invocations.forEach(function (inv, i) { if (inv.retryOf !== null && indexOf[inv.retryOf] !== undefined) retriedBy[indexOf[inv.retryOf]].push(i); });

  function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); }
  function pad(n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; }
  function offset(ms) {
    var d = Math.floor(ms / 86400000), r = ms - d * 86400000;
    var h = Math.floor(r / 3600000); r -= h * 3600000;
    var m = Math.floor(r / 60000); r -= m * 60000;
    var s = Math.floor(r / 1000), milli = Math.round(r - s * 1000);
    var clock = pad(h, 2) + ':' + pad(m, 2) + ':' + pad(s, 2) + '.' + pad(milli, 3);
    return d > 0 ? '+' + d + 'd ' + clock : '+' + clock;
  }
  function short(ms) {
    if (ms < 1000) return Math.round(ms) + 'ms';
    var s = ms / 1000;
    if (s < 60) return (Math.round(s * 10) / 10) + 's';
    var m = Math.floor(s / 60), rs = Math.round(s - m * 60);
    if (m < 60) return m + 'm' + (rs ? rs + 's' : '');
    var h = Math.floor(m / 60), rm = m - h * 60;
    return h + 'h' + (rm ? rm + 'm' : '');
  }
  function niceStep(ms) { var step = 1; for (;;) { var f = [1, 2, 5]; for (var k = 0; k < 3; k++) if (step * f[k] >= ms) return step * f[k]; step *= 10; } }
  function badgeText(m) {
    if (m.kind === 'bisect') { var split = /split into (\d+) \+ (\d+)/.exec(m.text); return split ? 'bisect ' + split[1] + '+' + split[2] : 'bisect'; }
    return { 'dead-letter': 'DLQ', 'on-failure': 'on_failure', duplicate: 'duplicate', expire: 'expired', filtered: 'filtered out', throttle: 'throttled', warning: 'warning', partial: 'partial' }[m.kind] || m.kind;
  }

  function layout() {
    var lanes = data.lanes.map(function () { return { rows: [], badges: 0, badgeEnds: [] }; });
    var bars = [];
    var order = data.invocations.map(function (inv, i) { return i; });
    order.sort(function (a, b) { return data.invocations[a].start - data.invocations[b].start || a - b; });
    order.forEach(function (i) {
      var inv = data.invocations[i], lane = lanes[inv.lane];
      var x0 = inv.start * scale, x1 = Math.max(x0 + MIN_W, inv.end * scale);
      var row = 0;
      while (row < lane.rows.length && lane.rows[row] > x0 - 1) row++;
      if (row >= MAX_ROWS) row = MAX_ROWS - 1;
      lane.rows[row] = Math.max(lane.rows[row] === undefined ? -1e9 : lane.rows[row], x1);
      bars[i] = { x0: x0, x1: x1, row: row };
    });
    var badges = [];
    data.markers.forEach(function (m, k) {
      if (m.kind === 'hidden') return;
      var lane = lanes[m.lane], text = badgeText(m), x0 = m.at * scale, w = text.length * 5.4 + 8;
      var row = 0;
      while (row < lane.badgeEnds.length && lane.badgeEnds[row] > x0 - 2) row++;
      if (row > 2) row = 2;
      lane.badgeEnds[row] = x0 + w;
      lane.badges = Math.max(lane.badges, row + 1);
      badges.push({ k: k, x: x0, w: w, row: row, text: text });
    });
    var boxes = [], top = AXIS;
    lanes.forEach(function (lane) {
      var binBand = data.bins ? BIN_H + GAP : 0;
      var rows = lane.rows.length;
      var h = Math.max(MIN_LANE, 2 * PAD + binBand + rows * (ROW + GAP) + lane.badges * (BADGE + 2));
      boxes.push({ top: top, height: h, bars: top + PAD + binBand, badges: top + h - PAD - BADGE });
      top += h;
    });
    return { bars: bars, badges: badges, boxes: boxes, height: top + 6 };
  }

  function render() {
    var L = layout();
    var width = Math.ceil(domain * scale) + RIGHT;
    var p = [];
    p.push('<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff3e0"/><rect width="3" height="6" fill="#ffe0b2"/></pattern>');
    Object.keys(ARROW_COLOR).forEach(function (kind) {
      p.push('<marker id="head-' + kind + '" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="' + ARROW_COLOR[kind] + '"/></marker>');
    });
    p.push('<marker id="head-retry" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#ef6c00"/></marker></defs>');
    L.boxes.forEach(function (box, k) {
      p.push('<rect x="0" y="' + box.top + '" width="' + width + '" height="' + box.height + '" fill="' + (k % 2 ? '#fafbfc' : '#ffffff') + '"/>');
      p.push('<line x1="0" x2="' + width + '" y1="' + box.top + '" y2="' + box.top + '" stroke="#eef0f2"/>');
    });
    var tick = niceStep(100 / scale);
    p.push('<g class="axis">');
    for (var t = 0; t <= domain; t += tick) {
      var x = t * scale;
      p.push('<line x1="' + x + '" x2="' + x + '" y1="' + (AXIS - 6) + '" y2="' + L.height + '" stroke="#eceff1"/>');
      p.push('<text x="' + (x + 3) + '" y="' + (AXIS - 9) + '">' + esc(t === 0 ? '0' : '+' + short(t)) + '</text>');
    }
    p.push('</g>');
    data.markers.forEach(function (m) {
      if (m.kind !== 'hidden' || m.until === undefined) return;
      var box = L.boxes[m.lane], x0 = m.at * scale, w = Math.max(2, (m.until - m.at) * scale);
      p.push('<rect class="span" x="' + x0 + '" y="' + (box.bars - 2) + '" width="' + w + '" height="' + (ROW + 4) + '" fill="url(#hatch)" stroke="#ffb74d" stroke-width="0.8"><title>' + esc(offset(m.at) + ' ' + m.text) + '</title></rect>');
    });
    if (data.bins) {
      var max = {};
      data.bins.cells.forEach(function (c) { var n = c[2] + c[3] + c[4] + c[5] + c[6]; max[c[0]] = Math.max(max[c[0]] || 0, n); });
      var bw = Math.max(1, data.bins.bucketMs * scale - 1);
      var colors = [null, null, '#43a047', '#fb8c00', '#d32f2f', '#8e24aa', '#9e9e9e'];
      data.bins.cells.forEach(function (c, k) {
        var box = L.boxes[c[0]], total = c[2] + c[3] + c[4] + c[5] + c[6], x0 = c[1] * data.bins.bucketMs * scale;
        var h = Math.max(2, BIN_H * total / max[c[0]]), y = box.top + PAD + BIN_H;
        p.push('<g class="bin" data-b="' + k + '"><title>' + total + ' invocations</title>');
        for (var col = 6; col >= 2; col--) {
          if (!c[col]) continue;
          var part = h * c[col] / total;
          y -= part;
          p.push('<rect x="' + x0 + '" y="' + y + '" width="' + bw + '" height="' + part + '" fill="' + colors[col] + '"/>');
        }
        p.push('</g>');
      });
    }
    data.invocations.forEach(function (inv, i) {
      if (inv.retryOf === null || indexOf[inv.retryOf] === undefined) return;
      var from = L.bars[indexOf[inv.retryOf]], to = L.bars[i];
      var prev = data.invocations[indexOf[inv.retryOf]];
      var y1 = L.boxes[prev.lane].bars + from.row * (ROW + GAP) + ROW / 2, y2 = L.boxes[inv.lane].bars + to.row * (ROW + GAP) + ROW / 2;
      var lift = Math.min(PAD + 2, 10);
      var mid = (from.x1 + to.x0) / 2;
      p.push('<path class="retry-link" marker-end="url(#head-retry)" d="M' + from.x1 + ',' + (y1 - 3) + ' C' + (from.x1 + 8) + ',' + (y1 - lift - 6) + ' ' + (to.x0 - 8) + ',' + (y2 - lift - 6) + ' ' + to.x0 + ',' + (y2 - 3) + '"><title>' + esc('retry after ' + short(inv.start - prev.end)) + '</title></path>');
      if (to.x0 - from.x1 > 34) p.push('<text class="retry-label" x="' + mid + '" y="' + (Math.min(y1, y2) - lift - 9) + '" text-anchor="middle">' + esc('retry in ' + short(inv.start - prev.end)) + '</text>');
    });
    data.arrows.forEach(function (a) {
      var from = L.boxes[a.from], to = L.boxes[a.to], x = a.at * scale + MIN_W / 2;
      var down = to.top > from.top;
      var y1 = from.top + from.height / 2, y2 = down ? to.bars - 1 : to.bars + ROW + 1;
      p.push('<path class="arrow ' + a.kind + '" marker-end="url(#head-' + a.kind + ')" d="M' + x + ',' + y1 + ' L' + x + ',' + y2 + '"><title>' + esc(offset(a.at) + ' ' + a.text) + '</title></path>');
    });
    L.badges.forEach(function (b) {
      var m = data.markers[b.k], box = L.boxes[m.lane], y = box.badges - b.row * (BADGE + 2);
      p.push('<g class="badge ' + m.kind + '" data-m="' + b.k + '"><rect x="' + b.x + '" y="' + y + '" width="' + b.w + '" height="' + BADGE + '" fill="' + (BADGE_COLOR[m.kind] || '#757575') + '"/><text x="' + (b.x + 4) + '" y="' + (y + BADGE - 3.5) + '">' + esc(b.text) + '</text><title>' + esc(offset(m.at) + ' ' + m.text) + '</title></g>');
    });
    // Bars last: on top of the arrows and links, so they can always be clicked.
    data.invocations.forEach(function (inv, i) {
      var bar = L.bars[i], box = L.boxes[inv.lane], y = box.bars + bar.row * (ROW + GAP);
      p.push('<rect class="bar ' + inv.outcome + (i === selected ? ' selected' : '') + '" data-i="' + i + '" data-fn="' + esc(data.lanes[inv.lane].name) + '" data-outcome="' + inv.outcome + '" x="' + bar.x0 + '" y="' + y + '" width="' + (bar.x1 - bar.x0) + '" height="' + ROW + '" rx="2"><title>' + esc(data.lanes[inv.lane].name + ' · ' + OUTCOME[inv.outcome] + ' · ' + offset(inv.start)) + '</title></rect>');
    });
    chart.setAttribute('width', String(width));
    chart.setAttribute('height', String(L.height));
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + L.height);
    chart.innerHTML = p.join('');
    var q = ['<div class="lane-axis" style="height:' + AXIS + 'px"></div>'];
    data.lanes.forEach(function (lane, k) {
      var box = L.boxes[k];
      var what = KIND[lane.kind] || lane.kind;
      if (lane.roles.length) what += ' · ' + lane.roles.join(', ');
      var failing = lane.roles.some(function (r) { return r !== 'success destination'; });
      q.push('<div class="lane' + (failing ? ' role' : '') + '" data-lane="' + esc(lane.name) + '" style="top:' + box.top + 'px;height:' + box.height + 'px"><b title="' + esc(lane.name) + '">' + esc(lane.name) + '</b><span title="' + esc(what) + '">' + esc(what) + '</span></div>');
    });
    labels.innerHTML = q.join('');
    labels.style.height = L.height + 'px';
    document.body.setAttribute('data-scale', String(scale));
  }

  function row(list, term, value) {
    var dt = document.createElement('dt'); dt.textContent = term;
    var dd = document.createElement('dd');
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    list.appendChild(dt); list.appendChild(dd);
  }
  function block(title, text) {
    var h = document.createElement('h4'); h.textContent = title;
    var pre = document.createElement('pre'); pre.textContent = text;
    details.appendChild(h); details.appendChild(pre);
  }
  function link(i) {
    var inv = data.invocations[i];
    var a = document.createElement('button');
    a.type = 'button'; a.className = 'jump';
    a.textContent = offset(inv.start) + ' (' + OUTCOME[inv.outcome] + ')';
    a.addEventListener('click', function () { select(i, true); });
    return a;
  }
  function select(i, scroll) {
    selected = i;
    var inv = data.invocations[i], lane = data.lanes[inv.lane];
    details.replaceChildren();
    var h = document.createElement('h3'); h.textContent = lane.name; details.appendChild(h);
    var o = document.createElement('p'); o.className = 'outcome ' + inv.outcome; o.textContent = OUTCOME[inv.outcome]; details.appendChild(o);
    var list = document.createElement('dl');
    row(list, 'at', offset(inv.start) + (inv.end > inv.start ? ' to ' + offset(inv.end) + ' (' + short(inv.end - inv.start) + ')' : ''));
    row(list, 'attempt', String(inv.attempt));
    if (inv.request) row(list, 'request', inv.request);
    if (inv.retryOf !== null && indexOf[inv.retryOf] !== undefined) row(list, 'retry of', link(indexOf[inv.retryOf]));
    retriedBy[i].forEach(function (j) { row(list, 'tried again', link(j)); });
    if (inv.errorType) row(list, 'error type', inv.errorType);
    if (inv.then) row(list, 'then', inv.then);
    details.appendChild(list);
    block('Invoked', inv.trigger);
    block('Event', inv.event === null ? '(not kept: handler code did not run, or the run kept the payloads of its first invocations only)' : inv.event);
    // What the handler returned or threw, then what the trace says became of it (a retry, a timeout).
    var outcome = inv.returned !== null ? inv.returned : '';
    if (inv.outcome !== 'success' && inv.result && inv.result.indexOf(outcome) !== 0) outcome += (outcome ? '\n\n' : '') + inv.result;
    else if (inv.outcome !== 'success' && inv.result.length > outcome.length) outcome = inv.result;
    block(inv.outcome === 'success' ? 'Result' : 'Error', outcome || inv.result || '(no end in the trace)');
    if (inv.logs.length) block('Logs', inv.logs.join('\n'));
    details.setAttribute('data-showing', String(i));
    render();
    if (scroll) scroller.scrollLeft = Math.max(0, inv.start * scale - scroller.clientWidth / 3);
  }
  function showBin(k) {
    var c = data.bins.cells[k];
    details.replaceChildren();
    var h = document.createElement('h3'); h.textContent = data.lanes[c[0]].name; details.appendChild(h);
    var list = document.createElement('dl');
    row(list, 'from', offset(c[1] * data.bins.bucketMs));
    row(list, 'to', offset((c[1] + 1) * data.bins.bucketMs));
    ['succeeded', 'failed, tried again', 'failed for good', 'timed out', 'no end'].forEach(function (name, j) { if (c[j + 2]) row(list, name, String(c[j + 2])); });
    details.appendChild(list);
  }
  function zoom(factor, anchor) {
    var px = anchor === undefined ? scroller.clientWidth / 2 : anchor;
    var t = (scroller.scrollLeft + px) / scale;
    scale = Math.min(20, Math.max(fitScale / 8, scale * factor));
    render();
    scroller.scrollLeft = Math.max(0, t * scale - px);
  }
  function fit() {
    fitScale = Math.max(1e-6, (scroller.clientWidth - RIGHT) / domain);
    scale = fitScale;
    render();
    scroller.scrollLeft = 0;
  }
  chart.addEventListener('click', function (event) {
    var bar = event.target.closest('[data-i]');
    if (bar) return select(Number(bar.getAttribute('data-i')), false);
    var bin = event.target.closest('[data-b]');
    if (bin) return showBin(Number(bin.getAttribute('data-b')));
  });
  scroller.addEventListener('wheel', function (event) {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    var rect = scroller.getBoundingClientRect();
    zoom(event.deltaY < 0 ? 1.25 : 0.8, event.clientX - rect.left);
  }, { passive: false });
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(2); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(0.5); });
  document.getElementById('zoom-fit').addEventListener('click', fit);
  document.getElementById('show-messages').addEventListener('change', function (event) { chart.classList.toggle('no-messages', !event.target.checked); });
  fit();
  document.body.setAttribute('data-ready', 'true');
})();
`;
