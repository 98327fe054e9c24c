// The relay's console: plain JavaScript, no libraries. Every value reaches the page through
// textContent or setAttribute, never as HTML, so whatever an event holds is shown as text.
// Signed in means holding the relay_console cookie (HttpOnly: this script never sees the token).
'use strict';

(function () {
  const HEADER = { 'X-Relay-Console': '1' };
  let timers = [];

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value === null || value === undefined || value === false) return;
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    });
    children.flat(Infinity).forEach((child) => {
      if (child === null || child === undefined) return;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  function when(iso) {
    if (!iso) return '–';
    return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }

  // A time as lists show it: relative ("3 min ago", "in 20 s"), the absolute time on hover.
  function ago(iso) {
    if (!iso) return '–';
    const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
    const size = Math.abs(seconds);
    const amount = size < 60 ? size + ' s' : size < 3600 ? Math.floor(size / 60) + ' min'
      : size < 86400 ? Math.floor(size / 3600) + ' h' : Math.floor(size / 86400) + ' d';
    const text = size < 5 ? 'just now' : seconds < 0 ? amount + ' ago' : 'in ' + amount;
    return el('time', { datetime: iso, title: when(iso) }, text);
  }

  // A table body's one row saying the view is empty, in words rather than blank or "null".
  function emptyRow(columns, text) {
    return el('tr', { class: 'empty' }, el('td', { colspan: columns, class: 'empty' }, text));
  }

  function badge(status) {
    return el('span', { class: 'badge ' + status }, status);
  }

  function say(text) {
    document.getElementById('status').textContent = text || '';
  }

  class SignedOut extends Error {}

  class Refused extends Error { // a 400: the request's own fault, said where it was made
    constructor(message) { super(message); this.name = 'Refused'; }
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ credentials: 'same-origin', headers: HEADER }, options));
    if (response.status === 401) throw new SignedOut();
    const body = await response.json().catch(() => ({}));
    if (response.status === 400) throw new Refused(body.error || 'the relay refused the request');
    if (!response.ok && response.status !== 409 && response.status !== 404) {
      throw new Error(body.error || ('HTTP ' + response.status));
    }
    return Object.assign({ httpStatus: response.status }, body);
  }

  function every(ms, task) {
    timers.push(setInterval(() => task().catch((error) => {
      if (error instanceof SignedOut) showSignIn();
      else say('Could not refresh: ' + error.message);
    }), ms));
  }

  function stopTimers() {
    timers.forEach(clearInterval);
    timers = [];
  }

  function showSignIn() {
    stopTimers();
    document.getElementById('nav').hidden = true;
    document.getElementById('view').hidden = true;
    document.getElementById('signin').hidden = false;
    document.getElementById('token').focus();
  }

  async function signIn(event) {
    event.preventDefault();
    const input = document.getElementById('token');
    const error = document.getElementById('signin-error');
    error.textContent = '';
    const response = await fetch('/admin/session', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: input.value })
    });
    input.value = '';
    if (response.status === 204) {
      document.getElementById('signin').hidden = true;
      route();
    } else {
      error.textContent = response.status === 401 ? 'That is not the admin token.' : 'Sign-in failed.';
      input.focus();
    }
  }

  async function signOut() {
    await fetch('/admin/session', { method: 'DELETE', credentials: 'same-origin' });
    showSignIn();
  }

  function params() {
    const hash = location.hash || '#/events';
    const query = hash.indexOf('?');
    return new URLSearchParams(query < 0 ? '' : hash.slice(query + 1));
  }

  function go(path, query) {
    const text = query ? new URLSearchParams(
      Object.entries(query).filter(([, v]) => v)).toString() : '';
    location.hash = path + (text ? '?' + text : '');
  }

  function mount(...nodes) {
    const view = document.getElementById('view');
    view.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined)); // never the word "null"
    view.hidden = false;
    document.getElementById('nav').hidden = false;
  }

  // --- events -------------------------------------------------------------------------------

  function countsTable(destinations) {
    return el('div', { class: 'table-wrap' }, el('table', { class: 'stack', id: 'counts' },
      el('caption', { class: 'hint' }, 'Per destination, refreshed every 5 seconds'),
      el('thead', {}, el('tr', {}, el('th', {}, 'Destination'), el('th', {}, 'Pending'), el('th', {}, 'Dead'),
        el('th', {}, 'Delivered, last hour'))),
      el('tbody', {}, destinations.map((d) => el('tr', { 'data-destination': d.name },
        el('td', { 'data-label': 'Destination' }, d.name, d.configured ? '' : ' (not configured)'),
        el('td', { class: 'num', 'data-label': 'Pending' }, d.pending),
        el('td', { class: 'num', 'data-label': 'Dead' },
          d.dead > 0 ? el('a', { href: '#/dead?destination=' + encodeURIComponent(d.name) }, d.dead) : '0'),
        el('td', { class: 'num', 'data-label': 'Delivered, last hour' }, d.delivered_last_hour))))));
  }

  function field(label, name, value, control) {
    const input = control || el('input', { name, id: 'f-' + name, value: value || '' });
    input.id = 'f-' + name;
    return el('label', { for: 'f-' + name }, label, input);
  }

  function select(name, options, value) {
    return el('select', { name }, options.map(([v, text]) => el('option', { value: v, selected: v === value }, text)));
  }

  function filtersForm(path, query, destinations, fields) {
    const form = el('form', { class: 'filters', role: 'search', id: 'filters' },
      field('Destination', 'destination', null, select('destination',
        [['', 'any']].concat(destinations.map((d) => [d.name, d.name])), query.get('destination') || '')),
      field('Status', 'status', null, select('status',
        [['', 'any'], ['dead', 'dead'], ['pending', 'pending'], ['delivered', 'delivered']], query.get('status') || '')),
      fields.map(([label, name, placeholder]) => {
        const input = el('input', { name, value: query.get(name) || '', placeholder,
          type: name === 'search' ? 'search' : null });
        return field(label, name, null, input);
      }),
      el('button', { type: 'submit' }, 'Filter'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      go(path, Object.fromEntries(new FormData(form).entries()));
    });
    return form;
  }

  const EVENT_FILTERS = ['search', 'type', 'destination', 'status', 'conversation', 'since', 'cursor'];

  // The events a filter lists, or the filter's error (a 400) to show beside the form.
  async function eventsPage(query) {
    try {
      return { page: await api('/admin/events?' + apiQuery(query, EVENT_FILTERS)) };
    } catch (error) {
      if (error instanceof Refused) return { refused: error.message };
      throw error;
    }
  }

  async function eventsView() {
    const query = params();
    const [{ destinations }, first] = await Promise.all([api('/admin/destinations'), eventsPage(query)]);
    const counts = el('div', {}, countsTable(destinations));
    const rows = el('tbody', {});
    const more = el('div', { class: 'actions' });
    const problem = el('p', { id: 'filter-error', class: 'error', role: 'alert' });
    if (first.refused) {
      problem.textContent = 'The filter was refused: ' + first.refused;
      rows.append(emptyRow(6, 'No events listed until the filter is fixed.'));
    } else {
      appendEvents(rows, more, first.page, query);
    }
    mount(el('h2', {}, 'Events'), counts,
      filtersForm('#/events', query, destinations,
        [['Search', 'search', 'name, email, phone or id'], ['Event type', 'type', 'lead-submission'],
          ['Conversation', 'conversation', ''], ['Since', 'since', '1h, 7d']]), problem,
      el('div', { class: 'table-wrap' }, el('table', { class: 'stack', id: 'events' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Accepted'), el('th', {}, 'Event'), el('th', {}, 'Who'),
          el('th', {}, 'Message'), el('th', {}, 'Conversation'), el('th', {}, 'Deliveries'))), rows)), more);
    every(5000, async () => {
      const fresh = await api('/admin/destinations');
      counts.replaceChildren(countsTable(fresh.destinations));
    });
    if (!first.refused && !query.get('cursor')) {
      every(5000, async () => { // the newest page again, in place: the form, older pages and the scroll stay put
        const fresh = await eventsPage(query);
        if (fresh.page) refreshEvents(rows, fresh.page.events);
      });
    }
  }

  function eventRow(e) {
    return el('tr', { 'data-event': e.id },
      el('td', { 'data-label': 'Accepted' }, el('a', { href: '#/event/' + encodeURIComponent(e.id) }, ago(e.accepted_at))),
      el('td', { 'data-label': 'Event' }, e.event),
      el('td', { 'data-label': 'Who', class: 'who' }, e.who || '–'),
      el('td', { 'data-label': 'Message', class: 'excerpt' }, e.excerpt || '–'),
      el('td', { 'data-label': 'Conversation', class: 'mono' }, e.conversation_id || '–'),
      el('td', { 'data-label': 'Deliveries' }, e.deliveries.length === 0 ? 'no route matched'
        : e.deliveries.map((d) => el('span', { class: 'delivery-brief' }, d.destination,
          d.kind && d.kind !== 'event' ? ' ' + d.kind : '', ' ', badge(d.status), ' '))));
  }

  // Rows already shown are redrawn where they are; events new since are put on top, newest first.
  function refreshEvents(rows, events) {
    const shown = new Map(Array.from(rows.querySelectorAll('tr[data-event]')).map((tr) => [tr.dataset.event, tr]));
    const added = [];
    events.forEach((e) => {
      const row = eventRow(e);
      if (shown.has(e.id)) shown.get(e.id).replaceWith(row);
      else added.push(row);
    });
    if (added.length) {
      rows.querySelectorAll('tr.empty').forEach((tr) => tr.remove());
      rows.prepend(...added);
    }
  }

  function apiQuery(query, known) {
    const out = new URLSearchParams();
    known.forEach((name) => { if (query.get(name)) out.set(name, query.get(name)); });
    return out.toString();
  }

  function appendEvents(rows, more, page, query) {
    if (page.events.length === 0 && rows.children.length === 0) {
      rows.append(emptyRow(6, 'No events match.'));
    }
    page.events.forEach((e) => rows.append(eventRow(e)));
    more.replaceChildren();
    if (page.next_cursor) {
      more.append(el('button', { type: 'button', class: 'secondary', onclick: async () => {
        const next = new URLSearchParams(query);
        next.set('cursor', page.next_cursor);
        appendEvents(rows, more, await api('/admin/events?' + apiQuery(next,
          EVENT_FILTERS)), query);
      } }, 'Older events'));
    }
  }

  // --- one event ----------------------------------------------------------------------------

  async function eventView(id) {
    const story = await api('/admin/events/' + encodeURIComponent(id));
    if (story.httpStatus === 404) {
      mount(el('h2', {}, 'Event not found'), el('p', {}, story.error));
      return;
    }
    const deliveries = el('div', { id: 'deliveries' });
    let shown = JSON.stringify(story.deliveries);
    renderDeliveries(deliveries, story.deliveries);
    const facts = el('dl', { class: 'facts' },
      fact('Event id', el('span', { class: 'mono' }, story.id)), fact('Type', story.event),
      fact('Accepted', when(story.accepted_at)), fact('Conversation', story.conversation_id || '–'),
      fact('Chatbot', story.chatbot_id || '–'), fact('Size', story.size_bytes + ' bytes'),
      fact('Routes', story.routes.length ? story.routes.join(', ') : 'none matched'),
      story.claim ? fact('Taken by', el('span', { id: 'claim' }, story.claim.by + ', ', when(story.claim.at),
        ', via ' + story.claim.via)) : null,
      (story.routing || []).length ? fact('Time intervals', el('span', { id: 'routing' },
        story.routing.map((line) => el('div', {}, line)))) : null);
    const contact = story.contact ? el('dl', { class: 'facts', id: 'contact' },
      Object.entries(story.contact).map(([k, v]) => fact(k, v))) : el('p', { class: 'empty' }, 'No contact details.');
    const actions = el('div', { class: 'event-actions' });
    let shownActions = JSON.stringify(story.actions);
    renderActions(actions, story.actions);
    mount(el('h2', {}, story.event + ' event'), facts, el('h3', {}, 'Contact'), contact,
      received(story), el('h3', {}, 'Deliveries'), deliveries, el('h3', {}, 'Actions'), actions);
    every(2000, async () => {
      const fresh = await api('/admin/events/' + encodeURIComponent(id));
      const text = JSON.stringify(fresh.deliveries);
      if (fresh.deliveries && text !== shown) { // redrawn only on a change, so keyboard focus stays put
        shown = text;
        renderDeliveries(deliveries, fresh.deliveries);
      }
      const actionsText = JSON.stringify(fresh.actions);
      if (fresh.actions && actionsText !== shownActions) {
        shownActions = actionsText;
        renderActions(actions, fresh.actions);
      }
    });
  }

  // JSON indented for reading; anything else as it is. Always text: a <pre> filled by textContent.
  function pretty(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (notJson) {
      return text;
    }
  }

  // The request as received: what the relay keeps of it (no other header is stored) and its body.
  function received(story) {
    if (story.body === undefined) return null;
    return el('section', { id: 'received' }, el('h3', {}, 'Request as received'),
      el('p', {}, story.size_bytes + ' bytes, accepted ', ago(story.accepted_at)),
      el('pre', { class: 'request', id: 'received-request' }, 'x-chat-data-topic: ' + story.event + '\n\n'
        + pretty(story.body)),
      el('p', { class: 'hint' }, 'The relay keeps the body and the topic, not the other headers. Secrets from ' +
        'the config show as ***; the JSON is indented for reading.'));
  }

  // The request a delivery's destination gets for this event, as preview shows it: secrets masked.
  function sentRequest(request) {
    if (!request) return null;
    if (request.error) return el('p', { class: 'hint' }, 'Request as sent: ' + request.error);
    return el('details', { class: 'sent', open: true }, el('summary', {}, 'Request as sent (secrets masked)'),
      el('pre', { class: 'request' }, request.method + ' ' + request.url + '\n'
        + Object.entries(request.headers).map(([name, value]) => name + ': ' + value + '\n').join('')
        + '\n' + (request.truncated ? request.body : pretty(request.body))));
  }

  function fact(name, value) {
    return [el('dt', {}, name), el('dd', {}, value)];
  }

  function renderDeliveries(container, deliveries) {
    if (deliveries.length === 0) {
      container.replaceChildren(el('p', { class: 'empty' }, 'No route sent this event anywhere.'));
      return;
    }
    container.replaceChildren(...deliveries.map((d) => el('article', { class: 'delivery', id: 'delivery-' + d.id,
      'data-status': d.status },
      el('h3', {}, 'To ' + d.destination, badge(d.status), el('span', { class: 'hint' },
        (d.kind && d.kind !== 'event' ? d.kind + ' ' : '') + 'delivery ' + d.id + ', route ' + d.route)),
      d.status === 'skipped' ? el('p', { class: 'skipped' }, 'Skipped: ' + (d.last_reason || '–')) : null,
      d.next_attempt_at ? el('p', {}, 'Next attempt ' + when(d.next_attempt_at)) : null,
      actionButtons(d),
      sentRequest(d.request),
      d.attempt_history.length === 0 ? el('p', {}, 'Not attempted yet.') : el('ol', { class: 'timeline' },
        d.attempt_history.map((a) => el('li', { class: 'attempt' },
          el('div', {}, '#' + a.number + ' ', when(a.at), ' · ', a.duration_ms + ' ms · HTTP ' + a.status + ' ',
            badge(a.outcome || 'unknown'), ' ', a.reason || ''),
          a.answer ? el('div', { class: 'answer mono' }, 'Answer: ', a.answer) : null,
          a.next_attempt_at ? el('div', { class: 'hint' }, 'Retry scheduled ' + when(a.next_attempt_at)) : null))))));
  }

  // A delivery waiting in backoff can go now, a delivered one again (after a confirmation), a dead one be replayed.
  function actionButtons(d) {
    if (d.status === 'dead') return el('div', { class: 'actions' }, replayButton(d.id));
    if (d.status === 'delivered') {
      return el('div', { class: 'actions' }, actionButton(d.id, 'resend', 'Resend', 'resent',
        'Send delivery ' + d.id + ' to ' + d.destination + ' again? It was delivered already.',
        'Delivery ' + d.id + ' is queued to be sent again.'));
    }
    if (d.status === 'pending' && d.next_attempt_at && Date.parse(d.next_attempt_at) > Date.now()) {
      return el('div', { class: 'actions' }, actionButton(d.id, 'retry', 'Retry now', 'retried', null,
        'Delivery ' + d.id + ' is due now.'));
    }
    return null;
  }

  function actionButton(id, action, label, done, question, saying) {
    return el('button', { type: 'button', class: action, 'data-delivery': id, onclick: async (event) => {
      if (question && !window.confirm(question)) return;
      event.target.disabled = true;
      const answer = await api('/admin/deliveries/' + id + '/' + action, { method: 'POST' });
      say(answer[done] ? saying : (answer.error || 'Nothing done.'));
      route();
    } }, label);
  }

  function renderActions(container, actions) {
    container.replaceChildren(!actions || actions.length === 0 ? el('p', { class: 'empty' }, 'No one has acted on this event.')
      : el('ul', { id: 'actions' }, actions.map((a) => el('li', { 'data-action': a.action, 'data-source': a.source },
        when(a.at), ' · ', a.action, ' delivery ' + a.delivery, ' · from the ', a.source))));
  }

  function replayButton(id) {
    return el('button', { type: 'button', class: 'replay', 'data-delivery': id, onclick: async (event) => {
      event.target.disabled = true;
      const answer = await api('/admin/deliveries/' + id + '/replay', { method: 'POST' });
      say(answer.replayed ? 'Delivery ' + id + ' is queued again.' : (answer.error || 'Not replayed.'));
      route();
    } }, 'Replay');
  }

  // --- dead letters -------------------------------------------------------------------------

  async function deadView() {
    const query = params();
    const destination = query.get('destination') || '';
    const listing = 'status=dead&limit=200' + (destination ? '&destination=' + encodeURIComponent(destination) : '');
    const [{ destinations }, page] = await Promise.all([api('/admin/destinations'),
      api('/admin/deliveries?' + listing)]);
    const dead = page.deliveries || [];
    const form = el('form', { class: 'filters', role: 'search' },
      field('Destination', 'destination', null, select('destination',
        [['', 'any']].concat(destinations.map((d) => [d.name, d.name])), destination)),
      el('button', { type: 'submit' }, 'Filter'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      go('#/dead', Object.fromEntries(new FormData(form).entries()));
    });
    const shown = dead.length;
    const deliveries = shown === 1 ? '1 dead delivery' : shown + ' dead deliveries';
    const all = el('button', { type: 'button', id: 'replay-all', onclick: async () => {
      if (!window.confirm('Replay the ' + deliveries + ' shown' + (destination ? ' to ' + destination : '') + '?')) return;
      const answer = await api('/admin/deliveries/replay?' + listing, { method: 'POST' });
      say(answer.error || (answer.replayed === 1 ? '1 dead delivery' : answer.replayed + ' dead deliveries')
        + ' queued again.');
      route();
    } }, 'Replay all ' + shown + ' shown');
    mount(el('h2', {}, 'Dead letters'), form,
      dead.length ? el('div', { class: 'actions' }, all) : null,
      el('div', { class: 'table-wrap' }, el('table', { class: 'stack', id: 'dead' },
        el('thead', {}, el('tr', {}, ['Delivery', 'Destination', 'Event', 'Accepted', 'Attempts', 'Last result', '']
          .map((h) => el('th', {}, h)))),
        el('tbody', {}, dead.length === 0 ? emptyRow(7, destination ? 'No dead deliveries to ' + destination + '.'
          : 'No dead deliveries.')
          : dead.map((d) => el('tr', {},
            el('td', { 'data-label': 'Delivery' }, d.id),
            el('td', { 'data-label': 'Destination' }, d.destination),
            el('td', { 'data-label': 'Event' }, el('a', { href: '#/event/' + encodeURIComponent(d.event_id) }, d.event)),
            el('td', { 'data-label': 'Accepted' }, ago(d.accepted_at)),
            el('td', { class: 'num', 'data-label': 'Attempts' }, d.attempts ?? 0),
            el('td', { 'data-label': 'Last result' }, d.last_reason || '–'),
            el('td', {}, replayButton(d.id))))))));
  }

  // --- routes -------------------------------------------------------------------------------

  function condition(value) {
    if (Array.isArray(value)) return 'any of ' + value.join(', ');
    if (value && typeof value === 'object') return 'matches /' + value.regex + '/';
    return value === '*' ? 'present' : 'is ' + value;
  }

  async function routesView() {
    const { routes } = await api('/admin/routes');
    mount(el('h2', {}, 'Routes, as loaded'),
      el('p', { class: 'hint' }, 'Every route whose conditions all hold sends the event; a destination gets it once.'),
      el('div', { class: 'table-wrap' }, el('table', { class: 'stack', id: 'routes' },
        el('thead', {}, el('tr', {}, ['Route', 'When', 'To', 'Template'].map((h) => el('th', {}, h)))),
        el('tbody', {}, routes.length === 0 ? emptyRow(4, 'No routes are configured: no event is sent anywhere.')
          : routes.map((r) => el('tr', {},
          el('td', { 'data-label': 'Route' }, r.name),
          el('td', { 'data-label': 'When' }, Object.keys(r.match).length === 0 ? 'every event'
            : el('ul', {}, Object.entries(r.match).map(([f, v]) => el('li', {}, el('code', {}, f), ' ', condition(v))))),
          el('td', { 'data-label': 'To' }, r.to.join(', ')),
          el('td', { 'data-label': 'Template' }, r.template ? 'own template' : 'default')))))));
  }

  // --- refused requests ---------------------------------------------------------------------

  async function refusedView() {
    const { refused } = await api('/admin/refused');
    mount(el('h2', {}, 'Refused requests'),
      el('p', { class: 'hint' }, 'Newest first, the last 300 at most, kept in memory until the relay restarts; none ' +
        'of their bodies. A wrong or rotated signing secret shows as reason signature; the log has one line per ' +
        'reason a minute.'),
      el('div', { class: 'table-wrap' }, el('table', { class: 'stack', id: 'refused' },
        el('thead', {}, el('tr', {}, ['Refused', 'From', 'Reason', 'Answer', 'Size', 'Topic'].map((h) => el('th', {}, h)))),
        el('tbody', {}, refused.length === 0
          ? emptyRow(6, 'No request has been refused since the relay started.')
          : refused.map((r) => el('tr', { 'data-reason': r.reason },
            el('td', { 'data-label': 'Refused' }, ago(r.at)),
            el('td', { 'data-label': 'From', class: 'mono' }, r.address),
            el('td', { 'data-label': 'Reason' }, el('span', { class: 'badge refused' }, r.reason)),
            el('td', { class: 'num', 'data-label': 'Answer' }, 'HTTP ' + r.status),
            el('td', { class: 'num', 'data-label': 'Size' }, r.size_bytes === null ? '–' : r.size_bytes + ' bytes'),
            el('td', { 'data-label': 'Topic', class: 'mono' }, r.topic || '–')))))));
  }

  // --- routing ------------------------------------------------------------------------------

  async function route() {
    stopTimers();
    const hash = location.hash || '#/events';
    const path = hash.split('?')[0];
    try {
      if (path.startsWith('#/event/')) await eventView(decodeURIComponent(path.slice('#/event/'.length)));
      else if (path === '#/dead') await deadView();
      else if (path === '#/routes') await routesView();
      else if (path === '#/refused') await refusedView();
      else await eventsView();
      document.getElementById('signin').hidden = true;
    } catch (error) {
      if (error instanceof SignedOut) showSignIn();
      else say('Could not load: ' + error.message);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('signin-form').addEventListener('submit', signIn);
    document.getElementById('sign-out').addEventListener('click', signOut);
    document.querySelector('.skip').addEventListener('click', (event) => { // the hash belongs to the router
      event.preventDefault();
      document.getElementById('main').focus();
    });
    window.addEventListener('hashchange', () => { say(''); route(); });
    route();
  });
}());
