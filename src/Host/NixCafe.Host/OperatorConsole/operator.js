'use strict';

// The operator console. It signs in once with an operator key (the server answers with an
// HTTP-only cookie of its own, which the script never sees), then calls the operator API with the
// antiforgery token on every change (page.js, shared with the settings page). /operator lists the
// tenants; /operator?tenant=<id> is one tenant's page. While something is moving (due registers,
// a drain's claims) the page is polled, and polls say so, so that they never keep a session alive.
(() => {
  const {
    $, announce, guarded, failedUnlessSessionEnded, describe, clearErrors, confirm,
  } = window.NixCafePage;
  const api = '/api/operator';
  const sessionApi = `${api}/session`;
  const pollMilliseconds = 2000;
  const pageSize = 50;
  const auditPageSize = 20;

  const state = {
    refreshes: 0,
    list: { page: 1, sort: 'name', descending: false, needsAttention: false, search: '' },
    tenant: null, registersPage: 1, auditPage: 1,
  };

  const polls = window.NixCafePage.poller(pollMilliseconds);
  const session = window.NixCafePage.session({
    sessionApi,
    endedReason: 'Your session has ended (signed out, expired, or your key was revoked). Sign in again.',
    showSignInForm,
  });
  const { call, showProblem } = session;

  function cell(tag, label, ...children) {
    const element = document.createElement(tag);
    element.setAttribute('role', tag === 'th' ? 'rowheader' : 'cell');
    if (label) {
      element.dataset.label = label;
    }
    element.append(...children.filter((child) => child !== null && child !== undefined));
    return element;
  }

  function span(className, text) {
    const element = document.createElement('span');
    element.className = className;
    element.textContent = text;
    return element;
  }

  function button(text, className, label, onClick) {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = text;
    element.className = className;
    element.setAttribute('aria-label', label);
    element.addEventListener('click', guarded(onClick));
    return element;
  }

  function age(seconds) {
    if (seconds === null || seconds === undefined) {
      return '—';
    }
    if (seconds < 90) {
      return `${Math.round(seconds)} s`;
    }
    if (seconds < 5400) {
      return `${Math.round(seconds / 60)} min`;
    }
    return `${(seconds / 3600).toFixed(1)} h`;
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : '—';
  }

  // ---- session ----------------------------------------------------------------------------

  function showSignInForm(reason) {
    stopPolling();
    state.refreshes++;
    $('loading').hidden = true;
    $('who').hidden = true;
    $('tenants-view').hidden = true;
    $('tenant-view').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-reason').textContent = reason ?? '';
    $('sign-in-reason').hidden = !reason;
    $('operator-key').focus();
  }

  function signIn() {
    return session.signIn($('operator-key'), $('operator-key-error'), 'operatorKey', (signedIn) => showConsole(signedIn.operator));
  }

  async function showConsole(name) {
    $('operator-name').textContent = name;
    $('loading').hidden = true;
    $('sign-in').hidden = true;
    $('who').hidden = false;
    const tenant = new URLSearchParams(location.search).get('tenant');
    if (tenant) {
      await openTenant(tenant, { push: false });
    } else {
      await openList({ push: false });
    }
  }

  // ---- polling ------------------------------------------------------------------------------

  function stopPolling() {
    polls.stop();
  }

  function pollLater(refresh) {
    polls.later(refresh, () => {});
  }

  // ---- the tenants --------------------------------------------------------------------------

  async function openList({ push = true } = {}) {
    state.tenant = null;
    if (push) {
      history.pushState(null, '', '/operator');
    }
    $('tenant-view').hidden = true;
    $('tenants-view').hidden = false;
    await refreshList();
  }

  async function refreshList({ poll = false } = {}) {
    stopPolling();
    const ticket = ++state.refreshes;
    const { page, sort, descending, needsAttention, search } = state.list;
    const query = new URLSearchParams({ page, pageSize, sort, descending, needsAttention });
    if (search) {
      query.set('search', search);
    }
    const [list, figures] = await Promise.all([
      call('GET', `${api}/tenants?${query}`, undefined, { poll }),
      call('GET', `${api}/odoo-sync/figures`, undefined, { poll }).catch(failedUnlessSessionEnded),
    ]);
    if (ticket !== state.refreshes) {
      return;
    }
    if (!list.ok) {
      announce(`The tenants could not be read: ${describe(list.data)}`);
      return;
    }
    renderTenants(list.data);
    if (figures.ok) {
      renderChart(figures.data);
    }
    if (list.data.tenants.some((tenant) => tenant.dueNow > 0)) {
      pollLater(refreshList);
    }
  }

  function renderTenants(page) {
    for (const header of document.querySelectorAll('#tenants th[data-sort]')) {
      if (header.dataset.sort === state.list.sort) {
        header.setAttribute('aria-sort', state.list.descending ? 'descending' : 'ascending');
      } else {
        header.removeAttribute('aria-sort');
      }
    }
    replaceRows($('tenant-rows'), page.tenants, () => page.tenants.map((tenant) => {
      const row = document.createElement('tr');
      row.setAttribute('role', 'row');
      row.classList.toggle('attention', tenant.needsAttention);
      const link = document.createElement('a');
      link.href = `/operator?tenant=${tenant.id}`;
      link.textContent = tenant.name;
      link.addEventListener('click', guarded(() => openTenant(tenant.id)));
      row.append(
        cell('th', 'Tenant', link, tenant.needsAttention ? span('detail', 'needs attention') : null),
        cell('td', 'Plan', tenant.plan),
        cell('td', 'Odoo connection', ...connectionView(tenant)),
        cell('td', 'Registers', countsText(tenant.countsByState)),
        cell('td', 'Due now', span('number', String(tenant.dueNow))),
        cell('td', 'Oldest due', age(tenant.oldestDueAgeSeconds)),
        cell('td', 'Dead letters', span('number', String(tenant.deadLetters))),
        cell('td', 'Last push · drift', `pushed ${tenant.lastPushedAt ? when(tenant.lastPushedAt) : 'never'}`,
          span(tenant.driftFindings > 0 || tenant.lastDriftCheckError ? 'problem' : 'detail', driftText(tenant))),
      );
      return row;
    }));
    $('no-tenants').hidden = page.tenants.length > 0;
    $('tenants').hidden = page.tenants.length === 0;
    pager('tenants', page);
  }

  function driftText(tenant) {
    if (!tenant.lastDriftCheckAt) {
      return 'no drift check yet';
    }
    if (tenant.lastDriftCheckError) {
      return `drift check failed: ${tenant.lastDriftCheckError}`;
    }
    return `${tenant.driftFindings} drift finding${tenant.driftFindings === 1 ? '' : 's'} (checked ${when(tenant.lastDriftCheckAt)})`;
  }

  function connectionView(tenant) {
    const badge = span(`badge ${tenant.connection === 'none' ? 'none-yet' : tenant.connection}`, tenant.connection);
    const paused = tenant.paused ? span('badge paused', 'paused') : null;
    const where = tenant.baseUrl ? span('detail', `${tenant.baseUrl} · ${tenant.database} · ${tenant.login}`) : null;
    const why = tenant.connectionError ? span('problem', tenant.connectionError) : null;
    return [badge, paused, where, why];
  }

  function countsText(counts) {
    const parts = Object.entries(counts ?? {}).sort().map(([syncState, count]) => `${count} ${syncState.replace('_', ' ')}`);
    return parts.length ? parts.join(', ') : 'none';
  }

  const drawn = new Map();

  /**
   * Puts a table's rows in place only when what they show changed, so a poll never moves the
   * keyboard's focus; when they do change, the focused button or link is found again by its name.
   */
  function replaceRows(body, data, rows) {
    const shown = JSON.stringify(data);
    if (drawn.get(body.id) === shown) {
      return;
    }
    drawn.set(body.id, shown);
    const focused = body.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent : null;
    body.replaceChildren(...rows());
    if (focused) {
      [...body.querySelectorAll('a, button')].find((element) => (element.getAttribute('aria-label') ?? element.textContent) === focused)?.focus();
    }
  }

  function pager(prefix, page) {
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    $(`${prefix}-page`).textContent = `Page ${page.page} of ${pages} (${page.total})`;
    $(`${prefix}-previous`).disabled = page.page <= 1;
    $(`${prefix}-next`).disabled = page.page >= pages;
  }

  async function sortBy(column) {
    state.list.descending = state.list.sort === column ? !state.list.descending : column !== 'name' && column !== 'plan' && column !== 'connection';
    state.list.sort = column;
    state.list.page = 1;
    await refreshList();
  }

  // ---- the chart ----------------------------------------------------------------------------

  /** Due and dead-letter counts (lines) and pushes per minute (bars) over the last hour, in plain SVG. */
  function renderChart(figures) {
    const minutes = figures.minutes;
    const width = 720;
    const height = 180;
    const pad = 28;
    const top = Math.max(1, ...minutes.map((m) => Math.max(m.due, m.deadLetters, m.pushed)));
    const x = (i) => pad + (i * (width - pad * 2)) / Math.max(1, minutes.length - 1);
    const y = (v) => height - pad - (v * (height - pad * 2)) / top;
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('role', 'img');
    const last = minutes.at(-1) ?? { due: 0, deadLetters: 0, pushed: 0 };
    const pushed = minutes.reduce((sum, m) => sum + m.pushed, 0);
    const summary = `Now ${last.due} due and ${last.deadLetters} dead letters; ${pushed} pushes in the last hour.`;
    svg.setAttribute('aria-label', summary);
    const add = (name, attributes, text) => {
      const element = document.createElementNS(ns, name);
      for (const [key, value] of Object.entries(attributes)) {
        element.setAttribute(key, value);
      }
      if (text !== undefined) {
        element.textContent = text;
      }
      svg.append(element);
    };
    add('line', { class: 'axis', x1: pad, y1: height - pad, x2: width - pad, y2: height - pad });
    const barWidth = Math.max(2, (width - pad * 2) / Math.max(1, minutes.length) - 2);
    minutes.forEach((m, i) => {
      if (m.pushed > 0) {
        add('rect', { class: 'pushes', x: x(i) - barWidth / 2, y: y(m.pushed), width: barWidth, height: height - pad - y(m.pushed) });
      }
    });
    const line = (key) => minutes.map((m, i) => `${x(i).toFixed(1)},${y(m[key]).toFixed(1)}`).join(' ');
    add('polyline', { class: 'due', points: line('due') });
    add('polyline', { class: 'dead', points: line('deadLetters') });
    add('text', { x: 2, y: pad - 8 }, String(top));
    add('text', { x: 2, y: height - pad + 4 }, '0');
    add('text', { x: pad, y: height - 8 }, '−60 min');
    add('text', { x: width - pad - 24, y: height - 8 }, 'now');
    const legend = document.createElement('ul');
    legend.className = 'legend';
    legend.setAttribute('aria-hidden', 'true');
    for (const [key, text] of [['due', 'due'], ['dead', 'dead letters'], ['pushes', 'pushes per minute']]) {
      const item = document.createElement('li');
      item.append(span(`key ${key}`, ''), text);
      legend.append(item);
    }
    $('chart').replaceChildren(svg, legend);
    $('chart-summary').textContent = summary;
  }

  // ---- one tenant ---------------------------------------------------------------------------

  async function openTenant(tenantId, { push = true } = {}) {
    state.tenant = { id: tenantId };
    drawn.clear();
    state.registersPage = 1;
    state.auditPage = 1;
    if (push) {
      history.pushState(null, '', `/operator?tenant=${encodeURIComponent(tenantId)}`);
    }
    $('tenants-view').hidden = true;
    $('tenant-view').hidden = false;
    $('connection-form').reset();
    clearErrors($('connection-title').parentElement);
    await refreshTenant({ fillForm: true });
    $('tenant-title').setAttribute('tabindex', '-1');
    $('tenant-title').focus();
  }

  async function refreshTenant({ poll = false, fillForm = false } = {}) {
    stopPolling();
    const ticket = ++state.refreshes;
    const id = encodeURIComponent(state.tenant.id);
    const [overview, status, registers, audit] = await Promise.all([
      call('GET', `${api}/tenants?tenantId=${id}`, undefined, { poll }),
      call('GET', `${api}/tenants/${id}/odoo-sync`, undefined, { poll }),
      call('GET', `${api}/tenants/${id}/registers?page=${state.registersPage}&pageSize=${pageSize}`, undefined, { poll }),
      call('GET', `${api}/tenants/${id}/audit?page=${state.auditPage}&pageSize=${auditPageSize}`, undefined, { poll }),
    ]);
    if (ticket !== state.refreshes) {
      return;
    }
    const tenant = overview.ok ? overview.data.tenants[0] : null;
    if (!tenant || !status.ok || !registers.ok || !audit.ok) {
      $('tenant-title').textContent = 'Tenant not found';
      announce(tenant ? describe([status, registers, audit].find((answer) => !answer.ok)?.data) : 'No tenant has this id.');
      return;
    }
    state.tenant = { ...tenant, status: status.data };
    document.title = `${tenant.name} · NixCafe operator console`;
    $('tenant-title').textContent = tenant.name;
    $('tenant-summary').textContent = `${tenant.plan} plan · ${countsText(tenant.countsByState)}`;
    $('queue-counts').textContent = `${tenant.dueNow} due now (oldest ${age(tenant.oldestDueAgeSeconds)}), ${tenant.deadLetters} dead letter${tenant.deadLetters === 1 ? '' : 's'}, ${status.data.claims.length} being pushed.`;
    $('requeue-all').disabled = tenant.deadLetters === 0;
    renderConnection(status.data.connection, fillForm);
    renderPauseAndDrift(status.data, tenant);
    renderRegisters(registers.data);
    renderAudit(audit.data);
    if (tenant.dueNow > 0 || status.data.claims.length > 0) {
      pollLater(refreshTenant);
    }
  }

  function renderConnection(connection, fillForm) {
    const text = !connection ? 'No Odoo connection.'
      : !connection.enabled ? `Disabled (${connection.baseUrl}, ${connection.database}, ${connection.login}).`
      : connection.apiKeyNeedsReentry ? 'The stored API key cannot be read on this host: enter it again.'
      : connection.healthy ? `Healthy: ${connection.baseUrl}, database ${connection.database}, login ${connection.login}, ${connection.transport}.`
      : `Unhealthy: ${connection.lastError ?? 'it failed its last check'}. Drains skip this tenant until it is fixed or passes a test.`;
    $('connection-state').textContent = text;
    $('test-connection').disabled = !connection;
    $('disable-connection').disabled = !connection || !connection.enabled;
    if (fillForm && connection) {
      $('base-url').value = connection.baseUrl;
      $('database').value = connection.database;
      $('login').value = connection.login;
      $('transport').value = connection.transport;
    }
  }

  function renderPauseAndDrift(status, tenant) {
    const pause = status.pause;
    $('pause-state').textContent = pause?.paused
      ? `Paused by ${pause.pausedBy ?? 'an operator'} since ${when(pause.pausedAt)}${pause.reason ? `: ${pause.reason}` : ''}. Every drain skips this tenant until it is resumed.`
      : `Syncing. Last successful push: ${status.lastPushedAt ? when(status.lastPushedAt) : 'none recorded yet'}.`;
    $('pause').hidden = !!pause?.paused;
    $('pause-reason').parentElement.hidden = !!pause?.paused;
    $('resume').hidden = !pause?.paused;
    const drift = status.drift;
    $('drift-state').textContent = !drift ? '' : `Policy ${drift.policy}. ${driftText(tenant)}.`;
    if (drift && document.activeElement !== $('drift-policy')) {
      $('drift-policy').value = drift.policy;
    }
    replaceRows($('findings'), drift?.findings ?? [], () => (drift?.findings ?? []).map((finding) => {
      const item = document.createElement('li');
      const register = finding.registerName ? `${finding.registerName} (pos.config ${finding.odooPosConfigId})` : `pos.config ${finding.odooPosConfigId}`;
      const odoo = finding.odooName === null ? '' : `; in Odoo: ${finding.odooName}${finding.odooActive === false ? ', archived' : ''}`;
      item.append(span('finding', `${finding.kind}: ${register}${odoo}`));
      if (finding.kind === 'unknown') {
        item.append(' ', button('Ignore', 'ignore quiet', `Ignore pos.config ${finding.odooPosConfigId}`, () => ignoreRecord(finding)));
      }
      return item;
    }));
  }

  async function pause() {
    clearErrors($('drift-title').parentElement);
    if (!await confirmAction(`Pause the sync of ${state.tenant.name}?`, 'Every drain skips this tenant until it is resumed; its changes wait in the queue.', 'Pause')) {
      return;
    }
    const reason = $('pause-reason').value.trim();
    const { ok, data } = await call('POST', tenantApi('/odoo-sync/pause'), reason ? { reason } : undefined);
    if (!ok) {
      showProblem(data, { reason: [$('pause-reason'), $('pause-reason-error')] }, $('pause-reason-error'));
      return;
    }
    $('pause-reason').value = '';
    announce('The sync is paused.');
    await refreshTenant();
    $('resume').focus();
  }

  async function resume() {
    if (!await confirmAction(`Resume the sync of ${state.tenant.name}?`, 'Its waiting changes are pushed to Odoo again.', 'Resume')) {
      return;
    }
    await act(null, () => call('POST', tenantApi('/odoo-sync/resume')), () => 'The sync is resumed.');
    $('pause').focus();
  }

  async function driftCheck() {
    announce('Checking for drift…');
    await act($('drift-check'), () => call('POST', tenantApi('/odoo-sync/drift-check')), (result) => result.skipped
      ? `The drift check did not run: ${result.skipped}.`
      : result.error ? `The drift check could not finish: ${result.error}.`
      : `Drift check done in ${result.odooCalls} Odoo call${result.odooCalls === 1 ? '' : 's'}: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}${result.repaired ? `, ${result.repaired} register${result.repaired === 1 ? '' : 's'} queued for repair` : ''}.`);
  }

  async function setPolicy() {
    const policy = $('drift-policy').value;
    if (policy === 'repair' && !await confirmAction(`Repair drift of ${state.tenant.name}?`,
      'From now on NixCafe wins: renamed, archived or un-archived records are pushed again, deleted ones created again.', 'Repair')) {
      return;
    }
    await act($('set-policy'), () => call('PUT', tenantApi('/odoo-sync/drift-policy'), { policy }), (result) => `The drift policy is ${result.policy}.`);
  }

  function renderRegisters(page) {
    replaceRows($('register-rows'), [page.registers, unknownRecords()], () => page.registers.map((register) => {
      const row = document.createElement('tr');
      row.setAttribute('role', 'row');
      row.dataset.registerId = register.id;
      const badge = register.state === 'synced' ? 'synced' : register.state === 'sync_error' ? 'error' : 'pending';
      const actions = cell('td', null);
      actions.className = 'actions';
      if (register.state === 'sync_error') {
        actions.append(button('Requeue', 'requeue', `Requeue ${register.name}`, () => requeueOne(register)));
      }
      if (register.state === 'awaiting_adoption') {
        actions.append(...adoptionControls(register));
      }
      if (register.odooId !== null) {
        actions.append(button('Re-create in Odoo', 'recreate quiet', `Re-create ${register.name} in Odoo`, () => recreate(register)));
      }
      row.append(
        cell('th', 'Register', register.name, register.active ? null : span('detail', 'inactive')),
        cell('td', 'Sync', span(`badge ${badge}`, register.state.replaceAll('_', ' ')), register.claimedBy ? span('detail', `pushing on ${register.claimedBy}`) : null),
        cell('td', 'Attempts', span('number', String(register.attempts))),
        cell('td', 'Next attempt', when(register.nextAttemptAt)),
        cell('td', 'Error', register.error ? span('problem', register.error) : '—'),
        cell('td', 'Odoo id', register.odooId === null ? '—' : String(register.odooId)),
        actions,
      );
      return row;
    }));
    $('no-registers').hidden = page.total > 0;
    $('registers').hidden = page.total === 0;
    pager('registers', page);
  }

  /** The records the tenant's Odoo has and no register owns: what a register awaiting adoption may be linked to. */
  function unknownRecords() {
    return (state.tenant.status?.drift?.findings ?? []).filter((finding) => finding.kind === 'unknown');
  }

  function adoptionControls(register) {
    const records = unknownRecords();
    const select = document.createElement('select');
    select.className = 'link-record';
    select.setAttribute('aria-label', `Odoo record for ${register.name}`);
    for (const record of records) {
      const option = document.createElement('option');
      option.value = String(record.odooPosConfigId);
      option.textContent = `${record.odooName ?? 'pos.config'} (pos.config ${record.odooPosConfigId}${record.odooActive === false ? ', archived' : ''})`;
      select.append(option);
    }
    const link = button('Link', 'link', `Link ${register.name} to the chosen Odoo record`, () => linkRegister(register, Number(select.value), select.selectedOptions[0]?.textContent ?? ''));
    link.disabled = records.length === 0;
    return [
      ...(records.length ? [select, link] : [span('detail', 'No unknown Odoo record to link to: run a drift check, or create it.')]),
      button('Create in Odoo', 'release quiet', `Create ${register.name} in Odoo as a new point of sale`, () => releaseRegister(register)),
    ];
  }

  async function linkRegister(register, odooId, recordText) {
    if (!await confirmAction(`Link ${register.name} to ${recordText}?`,
      `NixCafe takes this existing Odoo point of sale as ${register.name}'s own and pushes its name and active flag there; no new record is created.`, 'Link')) {
      return;
    }
    await act($('registers-title'), () => call('POST', tenantApi(`/odoo-sync/registers/${register.id}/link`), { odooPosConfigId: odooId }),
      () => `${register.name} is linked to pos.config ${odooId}; its name is pushed there.`);
  }

  async function releaseRegister(register) {
    if (!await confirmAction(`Create ${register.name} in Odoo?`,
      'It is none of the records Odoo has already: NixCafe creates a new point of sale for it.', 'Create it')) {
      return;
    }
    await act($('registers-title'), () => call('POST', tenantApi(`/odoo-sync/registers/${register.id}/release`)), () => `${register.name} will be created in Odoo.`);
  }

  async function ignoreRecord(finding) {
    const name = `${finding.odooName ?? 'pos.config'} (pos.config ${finding.odooPosConfigId})`;
    if (!await confirmAction(`Ignore ${name}?`,
      'Drift checks stop reporting this Odoo record, and it no longer holds new registers for adoption. Nothing changes in Odoo.', 'Ignore')) {
      return;
    }
    await act($('drift-title'), () => call('PUT', tenantApi(`/odoo-sync/ignored-records/${finding.odooPosConfigId}`)),
      () => `${name} is ignored: drift checks no longer report it.`);
  }

  function renderAudit(page) {
    replaceRows($('audit-rows'), page.entries, () => page.entries.map((entry) => {
      const row = document.createElement('tr');
      row.setAttribute('role', 'row');
      const details = entry.after ? JSON.stringify(entry.after) : '';
      row.append(
        cell('th', 'When', when(entry.at)),
        cell('td', 'Who', `${entry.actorKind === 'tenant_key' ? 'tenant key' : entry.actorKind} ${entry.actorId}`),
        cell('td', 'What', entry.action),
        cell('td', 'Details', span('detail', details.length > 160 ? `${details.slice(0, 160)}…` : details)),
      );
      return row;
    }));
    $('no-audit').hidden = page.total > 0;
    $('audit').hidden = page.total === 0;
    pager('audit', page);
  }

  // ---- actions ------------------------------------------------------------------------------

  /** The confirmation, with its title, text and button's label; true only when that button was pressed. */
  function confirmAction(title, text, confirmLabel) {
    $('confirm-title').textContent = title;
    $('confirm-text').textContent = text;
    $('confirm-button').textContent = confirmLabel;
    return confirm($('confirm'));
  }

  function tenantApi(path) {
    return `${api}/tenants/${encodeURIComponent(state.tenant.id)}${path}`;
  }

  async function act(focus, request, said) {
    const { ok, data } = await request();
    announce(ok ? said(data) : describe(data));
    await refreshTenant();
    focus?.focus();
  }

  async function drain() {
    if (!await confirmAction(`Drain ${state.tenant.name} now?`, 'Every due register of this tenant is pushed to its Odoo now.', 'Drain now')) {
      return;
    }
    await act($('drain'), () => call('POST', tenantApi('/odoo-sync/drain')), (result) => result.skipped
      ? `Nothing was pushed: ${result.skipped}.`
      : `Drained: ${result.created} created, ${result.updated} updated, ${result.failedCreates + result.failedUpdates} failed, ${result.deadLettered} dead-lettered${result.heldForAdoption ? `, ${result.heldForAdoption} held for adoption (Odoo has points of sale no register owns: link or create each below)` : ''}.`);
  }

  /** What the cron endpoint (the README's curl line) does: every tenant with due work, drained on this host. */
  async function drainAll() {
    if (!await confirmAction('Drain every tenant now?', 'Every due register of every tenant is pushed to its Odoo now.', 'Drain every tenant')) {
      return;
    }
    const { ok, data } = await call('POST', '/api/cafe/cron/odoo-sync');
    announce(ok
      ? `Drained ${data.tenants} tenant${data.tenants === 1 ? '' : 's'}: ${data.created} created, ${data.updated} updated, ${data.failed} failed, ${data.deadLettered} dead-lettered.`
      : describe(data));
    await refreshList();
    $('drain-all').focus();
  }

  async function requeueAll() {
    if (!await confirmAction(`Requeue every dead letter of ${state.tenant.name}?`, 'Each gets a fresh set of retries and is pushed to Odoo again.', 'Requeue them')) {
      return;
    }
    await act($('requeue-all'), () => call('POST', tenantApi('/odoo-sync/requeue')), (result) => `${result.requeued} dead letter${result.requeued === 1 ? '' : 's'} requeued.`);
  }

  async function requeueOne(register) {
    if (!await confirmAction(`Requeue ${register.name}?`, 'It gets a fresh set of retries and is pushed to Odoo again.', 'Requeue')) {
      return;
    }
    await act($('registers-title'), () => call('POST', tenantApi(`/odoo-sync/registers/${register.id}/requeue`)), () => `${register.name} requeued.`);
  }

  async function recreate(register) {
    if (!await confirmAction(`Re-create ${register.name} in Odoo?`,
      `Only when its pos.config ${register.odooId} was deleted in Odoo: NixCafe forgets that id and creates a new pos.config.`, 'Re-create')) {
      return;
    }
    await act($('registers-title'), () => call('POST', tenantApi(`/odoo-sync/registers/${register.id}/recreate`)), () => `${register.name} will be created in Odoo again.`);
  }

  async function saveConnection() {
    const form = $('connection-title').parentElement;
    clearErrors(form);
    const replaceOdoo = $('replace-odoo').checked;
    if (replaceOdoo && !await confirmAction(`Move ${state.tenant.name} to another Odoo?`,
      'Every register is created in the new Odoo; the old one is left as it is.', 'Move to this Odoo')) {
      return;
    }
    const body = {
      baseUrl: $('base-url').value, database: $('database').value, login: $('login').value,
      apiKey: $('odoo-api-key').value, transport: $('transport').value, replaceOdoo,
    };
    const { ok, data } = await call('PUT', tenantApi('/odoo-connection'), body);
    if (!ok) {
      showProblem(data, {
        baseUrl: [$('base-url'), $('base-url-error')], database: [$('database'), $('database-error')], login: [$('login'), $('login-error')],
        apiKey: [$('odoo-api-key'), $('odoo-api-key-error')], replaceOdoo: [$('replace-odoo'), $('replace-odoo-error')],
      }, $('connection-error'));
      return;
    }
    $('odoo-api-key').value = '';
    $('replace-odoo').checked = false;
    announce('The connection is saved. Test it to see what Odoo says.');
    await refreshTenant({ fillForm: true });
  }

  async function testConnection() {
    announce('Testing the connection…');
    await act($('test-connection'), () => call('POST', tenantApi('/odoo-connection/test')),
      (result) => `${result.ok ? 'The connection works' : `The test failed at ${result.stage}`}: ${result.message}${result.serverVersion ? ` (Odoo ${result.serverVersion}, ${result.transport})` : ''}.`);
  }

  async function disableConnection() {
    if (!await confirmAction(`Disable the Odoo connection of ${state.tenant.name}?`, 'Nothing is pushed to its Odoo until the connection is set again.', 'Disable')) {
      return;
    }
    await act($('test-connection'), () => call('DELETE', tenantApi('/odoo-connection')), () => 'The connection is disabled.');
  }

  // ---- start --------------------------------------------------------------------------------

  $('sign-in-form').addEventListener('submit', guarded(signIn));
  $('sign-out').addEventListener('click', guarded(session.signOut));
  $('filter-form').addEventListener('submit', guarded(async () => {
    state.list.search = $('search').value.trim();
    state.list.needsAttention = $('needs-attention').checked;
    state.list.page = 1;
    await refreshList();
  }));
  $('needs-attention').addEventListener('change', guarded(async () => {
    state.list.needsAttention = $('needs-attention').checked;
    state.list.page = 1;
    await refreshList();
  }));
  for (const header of document.querySelectorAll('#tenants th[data-sort]')) {
    header.querySelector('button').addEventListener('click', guarded(() => sortBy(header.dataset.sort)));
  }
  const turn = (key, delta, refresh) => guarded(async () => {
    state[key] = Math.max(1, state[key] + delta);
    await refresh();
  });
  $('tenants-previous').addEventListener('click', guarded(async () => { state.list.page = Math.max(1, state.list.page - 1); await refreshList(); }));
  $('tenants-next').addEventListener('click', guarded(async () => { state.list.page += 1; await refreshList(); }));
  $('registers-previous').addEventListener('click', turn('registersPage', -1, refreshTenant));
  $('registers-next').addEventListener('click', turn('registersPage', 1, refreshTenant));
  $('audit-previous').addEventListener('click', turn('auditPage', -1, refreshTenant));
  $('audit-next').addEventListener('click', turn('auditPage', 1, refreshTenant));
  $('back').addEventListener('click', guarded(() => openList()));
  $('drain').addEventListener('click', guarded(drain));
  $('pause').addEventListener('click', guarded(pause));
  $('resume').addEventListener('click', guarded(resume));
  $('drift-check').addEventListener('click', guarded(driftCheck));
  $('set-policy').addEventListener('click', guarded(setPolicy));
  $('drain-all').addEventListener('click', guarded(drainAll));
  $('requeue-all').addEventListener('click', guarded(requeueAll));
  $('connection-form').addEventListener('submit', guarded(saveConnection));
  $('test-connection').addEventListener('click', guarded(testConnection));
  $('disable-connection').addEventListener('click', guarded(disableConnection));
  window.addEventListener('popstate', guarded(async () => {
    const tenant = new URLSearchParams(location.search).get('tenant');
    await (tenant ? openTenant(tenant, { push: false }) : openList({ push: false }));
  }));

  session.start((signedIn) => showConsole(signedIn.operator), 'The console');
})();
