// The live request inspector. Everything shown comes from the network, so it is written with
// textContent only: never innerHTML, never a URL or attribute built from request data.
'use strict';

const history = Number(document.body.dataset.history) || 100;
const status = document.getElementById('status');

function cells(values) {
  const tr = document.createElement('tr');
  for (const value of values) {
    const td = document.createElement('td');
    td.textContent = String(value);
    tr.appendChild(td);
  }
  return tr;
}

function row(tbody, values) {
  const tr = cells(values);
  tbody.insertBefore(tr, tbody.firstChild);
  while (tbody.rows.length > history) {
    tbody.deleteRow(tbody.rows.length - 1);
  }
  return tr;
}

// one request in detail: the headers and body the server's log keeps of it, redacted as it logs them
function fill(id, rows) {
  const tbody = document.getElementById(id);
  tbody.replaceChildren(...rows.map(cells));
}

function showDetail(id) {
  fetch('requests/' + encodeURIComponent(id)).then(r => r.ok ? r.json() : r.text().then(t => { throw new Error(t); }))
    .then(d => {
      document.getElementById('detail-id').textContent = String(d.id);
      fill('detail-line', [['time', time(d.time)], ['caller', d.caller], ['method', d.method], ['target', d.target],
        ['status', d.status], ['ms', d.durationMs], ['bytes', d.bytes]]);
      document.getElementById('detail-no-headers').hidden = d.headers !== null;
      fill('detail-headers', d.headers || []);
      document.getElementById('detail-no-body').hidden = d.body !== null;
      fill('detail-body', d.body ? [['bytes', d.body.bytes], ['sha256', d.body.sha256],
        ['text', d.body.text + (d.body.truncated ? ' …' : '')]] : []);
      document.getElementById('detail').hidden = false;
    })
    .catch(e => { status.textContent = String(e.message); });
}

document.getElementById('detail-close').addEventListener('click', () => {
  document.getElementById('detail').hidden = true;
});

function time(iso) {
  return iso.replace('T', ' ').replace('Z', '');
}

function drawChart(perSecond) {
  const canvas = document.getElementById('chart');
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  const top = Math.max(1, ...perSecond);
  const width = canvas.width / perSecond.length;
  g.fillStyle = '#3867d6';
  perSecond.forEach((count, i) => {
    const height = Math.round((canvas.height - 14) * count / top);
    g.fillRect(i * width + 1, canvas.height - height, width - 2, height);
  });
  g.fillStyle = '#222';
  g.font = '11px sans-serif';
  g.fillText('max ' + top + '/s', 4, 11);
  canvas.dataset.drawn = String(perSecond.reduce((a, b) => a + b, 0));
}

fetch('version').then(r => r.json()).then(v => {
  document.getElementById('name').textContent = v.name;
  document.title = 'Duet inspector: ' + v.name;
});

const events = new EventSource('events');
events.addEventListener('open', () => { status.textContent = 'live'; });
events.addEventListener('error', () => { status.textContent = 'reconnecting…'; });
events.addEventListener('request', e => {
  const r = JSON.parse(e.data);
  const tr = row(document.getElementById('requests'), [time(r.time), r.caller, r.method, r.target, r.status, r.durationMs, r.bytes]);
  tr.dataset.id = String(Number(r.id));
  tr.addEventListener('click', () => showDetail(tr.dataset.id));
});
events.addEventListener('controls', e => {
  const c = JSON.parse(e.data);
  document.getElementById('defaults').textContent = c.defaults === '' ? 'none' : c.defaults;
  document.getElementById('seed').textContent = String(c.seed);
  document.getElementById('controls').hidden = false;
});
events.addEventListener('connection', e => {
  const c = JSON.parse(e.data);
  row(document.getElementById('connections'), [time(c.time), c.transport, c.id, c.peer, c.event, c.bytes]);
});
events.addEventListener('rates', e => {
  const rates = JSON.parse(e.data);
  drawChart(rates.perSecond);
  status.textContent = rates.dropped > 0 ? 'live (' + rates.dropped + ' events dropped: this page read too slowly)' : 'live';
});
events.addEventListener('full', () => {
  status.textContent = 'too many pages are watching this server; close one and reload';
  events.close();
});
