/**
 * The inspector's script, served at `inspector/app.js`: polls `inspector/snapshot` every
 * second and `inspector/dead-letters` every three, and redraws a table only when its rows
 * changed. Every value is written with `textContent` (never as markup), since event ids and
 * URLs come from shops. Plain ES2020 for any current browser; it is tested in Chromium
 * (test/demo). It uses no template literals, so it can live in this template string as is.
 */
export const INSPECTOR_SCRIPT = `'use strict';
(function () {
  var POLL_MS = 1000;
  var DEAD_LETTER_POLL_MS = 3000;
  var HIDDEN_POLL_MS = 5000;
  var shownRows = new Map();
  var seenEvents = new Set();
  var firstSnapshot = true;

  function byId(id) { return document.getElementById(id); }

  function asText(value) { return value === undefined || value === null ? '' : String(value); }

  function cell(value, options) {
    var td = document.createElement('td');
    td.textContent = asText(value);
    if (options && options.title) td.title = options.title;
    if (options && options.mono) td.className = 'mono';
    return td;
  }

  function localTime(iso) {
    var date = new Date(iso);
    return Number.isNaN(date.getTime()) ? asText(iso) : date.toLocaleString();
  }

  function counted(count, noun) {
    return count + ' ' + noun + (count === 1 ? '' : 's');
  }

  function money(amount) {
    return typeof amount === 'number' ? amount.toFixed(2) : asText(amount);
  }

  // Redraws tbody #id with one row per item, unless the rows are the same as last time.
  function fill(id, items, toCells, emptyText, decorate) {
    var key = JSON.stringify(items);
    if (shownRows.get(id) === key) return;
    shownRows.set(id, key);
    var body = byId(id);
    var rows = items.map(function (item) {
      var tr = document.createElement('tr');
      toCells(item).forEach(function (td) { tr.appendChild(td); });
      if (decorate) decorate(tr, item);
      return tr;
    });
    if (rows.length === 0) {
      var tr = document.createElement('tr');
      var td = cell(emptyText);
      td.className = 'empty';
      td.colSpan = body.parentElement.querySelectorAll('thead th').length;
      tr.appendChild(td);
      rows.push(tr);
    }
    body.replaceChildren.apply(body, rows);
  }

  function setStatus(id, text, state) {
    var element = byId(id);
    element.textContent = text;
    element.className = 'status' + (state ? ' ' + state : '');
  }

  function renderSnapshot(snapshot) {
    byId('events-count').textContent = '(' + snapshot.events.total + ')';
    byId('clicks-count').textContent = '(' + snapshot.clicks.total + ')';
    byId('time-zone').textContent = snapshot.time_zone;
    fill('events', snapshot.events.latest, function (event) {
      return [
        cell(localTime(event.received_at), { title: event.received_at }),
        cell(event.external_event_id === undefined ? '(none)' : event.external_event_id, { mono: true }),
        cell(event.amount),
        cell(event.currency),
        cell(event.number_of_items),
        cell(event.event_time, { mono: true }),
        cell(event.click_known ? 'issued here' : 'not issued here', { title: event.signed_click_id }),
        cell(event.pixel_id, { mono: true }),
        cell(event.id, { mono: true }),
      ];
    }, 'No events yet. Buy something in the demo shop, or post one to the API.', function (tr, event) {
      tr.dataset.eventId = event.id;
      if (!seenEvents.has(event.id)) {
        seenEvents.add(event.id);
        if (!firstSnapshot) tr.classList.add('new');
      }
    });
    fill('summary-days', snapshot.purchase_summary.per_day, function (row) {
      return [cell(row.date), cell(row.currency), cell(row.number_of_events), cell(money(row.total_amount)), cell(row.pixel_id, { mono: true })];
    }, 'No purchases yet.');
    fill('summary-totals', snapshot.purchase_summary.per_currency, function (row) {
      return [cell(row.currency), cell(row.number_of_events), cell(money(row.total_amount)), cell(row.pixel_id, { mono: true })];
    }, 'No purchases yet.');
    fill('clicks', snapshot.clicks.latest, function (click) {
      return [
        cell(localTime(click.time), { title: click.time }),
        cell(click.signed_click_id, { mono: true }),
        cell(click.product_name),
        cell(click.landing_url, { mono: true }),
        cell(click.shop_id),
      ];
    }, 'No clicks.');
    var requests = [];
    Object.keys(snapshot.requests.by_operation).sort().forEach(function (operation) {
      var byStatus = snapshot.requests.by_operation[operation];
      Object.keys(byStatus).sort().forEach(function (status) {
        requests.push({ operation: operation, status: status, count: byStatus[status] });
      });
    });
    fill('requests', requests, function (row) {
      return [cell(row.operation), cell(row.status), cell(row.count)];
    }, 'No API requests since the last reset.');
    firstSnapshot = false;
    setStatus('status', 'Live: ' + counted(snapshot.events.total, 'event') + ', ' +
      counted(snapshot.clicks.total, 'click') + ', updated ' + new Date().toLocaleTimeString() + '.');
  }

  function renderDeadLetters(report) {
    var rows = report.status === 'ok' ? report.dead_letters : [];
    if (report.status === 'not_configured') {
      setStatus('dead-letter-status', 'Not configured: the emulator has no collector to ask (COLLECTOR_URL and COLLECTOR_ADMIN_TOKEN; npm start sets both).');
    } else if (report.status === 'unreachable') {
      setStatus('dead-letter-status', 'The collector at ' + report.collector_url + ' is not reachable (' + report.detail + ').', 'problem');
    } else if (report.status === 'refused') {
      setStatus('dead-letter-status', 'The collector at ' + report.collector_url + ' answered ' + report.http_status + ': ' + report.detail, 'problem');
    } else if (rows.length === 0) {
      setStatus('dead-letter-status', 'No dead letters at ' + report.collector_url + '.');
    } else {
      var count = report.more ? rows.length + '+ dead letters' : counted(rows.length, 'dead letter');
      setStatus('dead-letter-status', count + ' at ' + report.collector_url + ', oldest first.', 'problem');
    }
    fill('dead-letters', rows, function (row) {
      return [
        cell(localTime(row.failed_at), { title: row.failed_at }),
        cell(row.external_event_id, { mono: true }),
        cell(row.status + ' ' + row.kind),
        cell(row.title),
        cell(row.pixel_id, { mono: true }),
        cell(row.id, { mono: true }),
      ];
    }, report.status === 'ok' ? 'None.' : 'Unknown.');
    byId('replay-hint').hidden = rows.length === 0;
    if (rows.length > 0) {
      byId('replay-command').textContent = 'npm run dead-letters -- replay ' + rows[0].id +
        ' --url ' + report.collector_url;
    }
  }

  function poll(path, delay, render, onFailure) {
    var run = function () {
      fetch(path, { cache: 'no-store', headers: { accept: 'application/json' } })
        .then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          return response.json();
        })
        .then(render)
        .catch(onFailure)
        .then(function () { schedule(); });
    };
    var timer;
    var schedule = function () {
      clearTimeout(timer);
      timer = setTimeout(run, document.hidden ? HIDDEN_POLL_MS : delay);
    };
    run();
    return run;
  }

  var refreshSnapshot = poll('inspector/snapshot', POLL_MS, renderSnapshot, function () {
    setStatus('status', 'Cannot reach the emulator; retrying…', 'offline');
  });
  poll('inspector/dead-letters', DEAD_LETTER_POLL_MS, renderDeadLetters, function () {
    setStatus('dead-letter-status', 'Cannot reach the emulator; retrying…', 'offline');
  });

  byId('reset').addEventListener('click', function () {
    if (!window.confirm('Reset the emulator to its seed? Every click and event goes.')) return;
    fetch('reset', { method: 'POST' }).then(refreshSnapshot, refreshSnapshot);
  });
})();
`;
