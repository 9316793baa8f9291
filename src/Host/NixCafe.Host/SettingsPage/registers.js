'use strict';

// The registers settings page. It signs in once with a tenant's API key (the server answers with
// an HTTP-only session cookie the script never sees), then calls the same JSON API as any other
// client, with the antiforgery token on every change (page.js, shared with the operator console).
// Nothing reloads the page: the selected shop stays selected, and while a register waits for the
// Odoo drain or for the operator the list is polled.
(() => {
  const {
    $, announce, reportUnexpected, guarded, failedUnlessSessionEnded, clearErrors, confirm,
  } = window.NixCafePage;
  const settingsApi = '/api/cafe/settings';
  const sessionApi = '/api/cafe/session';
  const syncApi = '/api/cafe/odoo-sync';
  const pollMilliseconds = 2000;
  const refreshFailed = 'The register list could not be refreshed. Trying again…';
  const serviceUnavailable = 'The service is unavailable (its database cannot be reached). Nothing shown here can change until it is back; trying again…';

  const state = { shops: [], shopId: null, groups: new Map(), refreshes: 0 };
  const polls = window.NixCafePage.poller(pollMilliseconds);
  const session = window.NixCafePage.session({
    sessionApi,
    endedReason: 'Your session has ended (signed out, expired, or its key was revoked). Sign in again.',
    showSignInForm,
    describe,
  });
  const { call, showProblem } = session;

  // ---- session ----------------------------------------------------------------------------

  function showSignInForm(reason) {
    stopPolling();
    state.refreshes++;
    clearRegisters();
    $('loading').hidden = true;
    $('who').hidden = true;
    $('settings').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-reason').textContent = reason ?? '';
    $('sign-in-reason').hidden = !reason;
    $('api-key').focus();
  }

  function signIn() {
    return session.signIn($('api-key'), $('api-key-error'), 'apiKey', (signedIn) => showSettings(signedIn.tenant));
  }

  // ---- shops --------------------------------------------------------------------------------

  async function showSettings(tenant) {
    $('tenant-name').textContent = tenant;
    $('loading').hidden = true;
    $('sign-in').hidden = true;
    $('who').hidden = false;
    const { ok, data: shops } = await call('GET', `${settingsApi}/shops`);
    if (!ok) {
      announce(`The shops could not be loaded: ${describe(shops)} Reload the page to try again.`);
      return;
    }
    $('settings').hidden = false;
    state.shops = shops;
    $('shop').replaceChildren(...shops.map((shop) => new Option(shop.name, shop.id)));
    $('no-shops').hidden = shops.length > 0;
    for (const section of document.querySelectorAll('#settings .panel')) {
      section.hidden = shops.length === 0;
    }
    // The shop in the address survives a reload; an unknown one falls back to the first shop.
    const wanted = new URLSearchParams(location.search).get('shop');
    const shop = shops.find((s) => s.id === wanted) ?? shops[0];
    if (shop) {
      await selectShop(shop.id);
      $('shop').focus();
    }
  }

  async function selectShop(shopId) {
    state.shopId = shopId;
    $('shop').value = shopId;
    $('shop-name').textContent = state.shops.find((shop) => shop.id === shopId)?.name ?? '';
    const address = new URL(location.href);
    address.searchParams.set('shop', shopId);
    history.replaceState(null, '', address);
    clearRegisters();
    await refresh();
  }

  // ---- the register list --------------------------------------------------------------------

  /**
   * Draws the shop's registers, and polls while one waits for the drain or the operator. A list that cannot be read
   * (network, server) is said once and read again after the poll interval until it can. A poll says
   * it is one, so that it does not renew the session: an open page must not keep it alive forever.
   */
  async function refresh({ poll = false } = {}) {
    stopPolling();
    const ticket = ++state.refreshes;
    const { ok, data } = await call('GET', `${settingsApi}/registers?shopId=${encodeURIComponent(state.shopId)}`, undefined, { poll })
      .catch(failedUnlessSessionEnded);
    // Only the latest refresh draws: an older answer (a poll, another shop) would undo a newer one.
    if (ticket !== state.refreshes) {
      return;
    }
    if (!ok) {
      const failed = data?.status === 503 ? serviceUnavailable : refreshFailed;
      if ($('status').textContent !== failed) {
        announce(failed);
      }
      pollLater();
      return;
    }
    if ([refreshFailed, serviceUnavailable].includes($('status').textContent)) {
      announce('');
    }
    render(data);
    const waiting = data.some((register) => ['pending_create', 'pending_update'].includes(register.sync?.state));
    // A held register moves when the operator links or releases it, which the page cannot see otherwise.
    const held = data.some((register) => register.sync?.state === 'awaiting_adoption');
    await showSyncPaused(waiting, poll, ticket);
    // A newer refresh started meanwhile and schedules the next poll itself: a second timer here
    // could not be stopped (a sign-out, another shop) and would poll on.
    if ((waiting || held) && ticket === state.refreshes) {
      pollLater();
    }
  }

  /**
   * Says why waiting registers do not move when the tenant's Odoo connection needs a person (bad
   * key, missing rights): their badges alone would say "pending" for ever.
   */
  async function showSyncPaused(waiting, poll, ticket) {
    const notice = $('sync-paused');
    const { ok, data } = waiting
      ? await call('GET', `${syncApi}/status`, undefined, { poll }).catch(failedUnlessSessionEnded)
      : { ok: false };
    if (ticket !== state.refreshes) {
      return;
    }
    const connection = ok ? data?.connection : null;
    const paused = connection && connection.enabled && !connection.healthy;
    notice.textContent = paused
      ? `Odoo sync is paused until your Odoo administrator fixes the connection: ${connection.lastError ?? 'the connection failed its last check'}`
      : '';
    notice.hidden = !paused;
  }

  function pollLater() {
    polls.later(refresh, reportUnexpected);
  }

  function stopPolling() {
    polls.stop();
  }

  function clearRegisters() {
    for (const group of state.groups.values()) {
      group.element.remove();
    }
    state.groups.clear();
  }

  // Rows are kept and updated in place, so a poll never closes an editor or steals focus.
  function render(registers) {
    const table = $('registers');
    const seen = new Set();
    registers.forEach((register, index) => {
      let group = state.groups.get(register.id);
      if (!group) {
        group = createGroup(register);
        state.groups.set(register.id, group);
      }
      group.register = register;
      update(group);
      seen.add(register.id);
      if (table.tBodies[index] !== group.element) {
        table.insertBefore(group.element, table.tBodies[index] ?? null);
      }
    });
    for (const [id, group] of state.groups) {
      if (!seen.has(id)) {
        group.element.remove();
        state.groups.delete(id);
      }
    }
    $('no-registers').hidden = registers.length > 0;
    table.hidden = registers.length === 0;
  }

  function createGroup(register) {
    const element = $('register-template').content.firstElementChild.cloneNode(true);
    const q = (selector) => element.querySelector(selector);
    const group = { element, register, q };
    element.dataset.registerId = register.id;
    // Ids for the editor's labels, hints and errors, unique per register.
    const id = (name) => `${name}-${register.id}`;
    q('.editor').id = id('editor');
    q('.edit').setAttribute('aria-controls', id('editor'));
    q('.name-input').id = id('name');
    q('.name-label').htmlFor = id('name');
    q('.name-error').id = id('name-error');
    q('.name-input').setAttribute('aria-describedby', id('name-error'));
    q('.prefix-input').id = id('prefix');
    q('.prefix-label').htmlFor = id('prefix');
    q('.prefix-hint').id = id('prefix-hint');
    q('.prefix-error').id = id('prefix-error');
    q('.prefix-input').setAttribute('aria-describedby', `${id('prefix-error')} ${id('prefix-hint')}`);

    q('.edit').addEventListener('click', guarded(async () => toggleEditor(group, q('.editor').hidden)));
    q('.rename-form').addEventListener('submit', guarded(() => rename(group)));
    q('.prefix-form').addEventListener('submit', guarded(() => setPrefix(group)));
    q('.deactivate').addEventListener('click', guarded(() => deactivate(group)));
    q('.reactivate').addEventListener('click', guarded(() => reactivate(group)));
    q('.requeue').addEventListener('click', guarded(() => requeue(group)));
    return group;
  }

  function update(group) {
    const { register, q, element } = group;
    q('.name').textContent = register.name;
    q('.prefix').textContent = register.prefix ?? '—';
    q('.state').textContent = register.active ? 'active' : 'inactive';
    q('.state').className = `state pill ${register.active ? 'active' : 'inactive'}`;
    q('.next').textContent = register.nextOrderNumber;
    const sync = syncView(register.sync);
    q('.badge').textContent = sync.badge;
    q('.badge').className = `badge ${sync.kind}`;
    q('.sync-error').textContent = sync.detail;
    q('.sync-error').hidden = sync.detail === '';
    q('.sync-technical').textContent = sync.technical;
    q('.sync-details').hidden = sync.technical === '';
    const drift = driftWords[register.sync?.drift] ?? '';
    q('.drift-badge').textContent = drift;
    q('.drift-badge').title = drift === '' ? '' : 'Found by the last check of your Odoo: someone changed it there. Your Odoo administrator or NixCafe\'s operator can set it right.';
    q('.drift-badge').hidden = drift === '';
    q('.edit').setAttribute('aria-label', `Edit ${register.name}`);
    q('.requeue').setAttribute('aria-label', `Retry sync of ${register.name}`);
    q('.deactivate').setAttribute('aria-label', `Deactivate ${register.name}`);
    q('.reactivate').setAttribute('aria-label', `Reactivate ${register.name}`);
    q('.requeue').hidden = register.sync?.state !== 'sync_error';
    q('.deactivate').hidden = !register.active;
    q('.reactivate').hidden = register.active;
    element.classList.toggle('inactive', !register.active);
  }

  // What the last drift check found for a register (its record changed in Odoo behind NixCafe's back).
  const driftWords = {
    renamed: 'renamed in Odoo',
    archived: 'archived in Odoo',
    unarchived: 'active again in Odoo',
    deleted: 'deleted in Odoo',
  };

  /**
   * A sync error is stored as Odoo's `name: message` (docs/odoo-protocol.md): the admin reads the
   * message, in words, with what to do where it is known; Odoo's technical name stays behind the
   * Details toggle.
   */
  function explain(error) {
    const cut = error.indexOf(': ');
    const name = cut > 0 ? error.slice(0, cut) : '';
    const message = cut > 0 ? error.slice(cut + 2) : error;
    const hint = name.endsWith('MissingError') ? ' Its point of sale was deleted in Odoo: retry to create it again.'
      : name.endsWith('AccessError') || name.endsWith('AccessDenied') ? ' Your Odoo user is missing a right: ask your Odoo administrator.'
      : name.endsWith('ValidationError') || name.endsWith('UserError') || name.startsWith('load(') ? ' Correct it in Odoo, or ask your Odoo administrator, then retry.'
      : '';
    return { message, hint, technical: name };
  }

  function syncView(sync) {
    if (!sync) {
      return { badge: 'no Odoo', kind: 'none', detail: '', technical: '' };
    }
    const attempts = `${sync.attempts} attempt${sync.attempts === 1 ? '' : 's'}`;
    const error = sync.error ? explain(sync.error) : null;
    switch (sync.state) {
      case 'synced':
        return { badge: 'synced', kind: 'synced', detail: '', technical: '' };
      case 'awaiting_adoption':
        return { badge: 'waiting', kind: 'pending', detail: 'Your Odoo already has points of sale NixCafe did not make: NixCafe waits for your operator to say whether this register is one of them, so it is never created twice.', technical: '' };
      case 'sync_error':
        return error
          ? { badge: 'error', kind: 'error', detail: `Odoo refused this register: ${error.message}${error.hint} (${attempts})`, technical: error.technical }
          : { badge: 'error', kind: 'error', detail: `Odoo refused this register. (${attempts})`, technical: '' };
      default:
        // A pending register that already failed is being retried: say why.
        return error
          ? { badge: 'pending', kind: 'pending', detail: `Odoo could not take it yet: ${error.message} NixCafe tries again by itself. (${attempts})`, technical: error.technical }
          : { badge: 'pending', kind: 'pending', detail: '', technical: '' };
    }
  }

  // ---- changes ------------------------------------------------------------------------------

  async function create() {
    const name = $('create-name');
    const prefix = $('create-prefix');
    clearErrors($('create'));
    const { ok, data } = await call('POST', `${settingsApi}/registers`, {
      shopId: state.shopId, name: name.value, prefix: prefix.value.trim() === '' ? null : prefix.value,
    });
    if (!ok) {
      showProblem(data, { name: [name, $('create-name-error')], prefix: [prefix, $('create-prefix-error')] }, $('create-error'));
      return;
    }
    $('create-form').reset();
    announce(`Register ${data.name} created.`);
    await refresh();
    name.focus();
  }

  function toggleEditor(group, open) {
    const { q } = group;
    q('.editor').hidden = !open;
    q('.edit').setAttribute('aria-expanded', String(open));
    if (open) {
      clearErrors(q('.editor'));
      q('.name-input').value = group.register.name;
      q('.prefix-input').value = group.register.prefix ?? '';
      q('.name-input').focus();
    }
  }

  async function rename(group) {
    const { q } = group;
    clearErrors(q('.editor'));
    const { ok, data } = await call('PUT', `${settingsApi}/registers/${group.register.id}/name`, { name: q('.name-input').value });
    if (!ok) {
      showProblem(data, { name: [q('.name-input'), q('.name-error')] }, q('.editor-error'));
      return;
    }
    toggleEditor(group, false);
    announce(`Renamed to ${data.name}.`);
    await refresh();
    q('.edit').focus();
  }

  async function setPrefix(group) {
    const { q } = group;
    clearErrors(q('.editor'));
    const typed = q('.prefix-input').value;
    const { ok, data } = await call('PUT', `${settingsApi}/registers/${group.register.id}/prefix`, { prefix: typed.trim() === '' ? null : typed });
    if (!ok) {
      showProblem(data, { prefix: [q('.prefix-input'), q('.prefix-error')] }, q('.editor-error'));
      return;
    }
    toggleEditor(group, false);
    announce(data.prefix ? `Prefix of ${data.name} set to ${data.prefix}.` : `Prefix of ${data.name} cleared.`);
    await refresh();
    q('.edit').focus();
  }

  async function deactivate(group) {
    // Escape or Cancel leave the register as it is.
    if (!await confirmDeactivation(group.register.name)) {
      return;
    }
    await change(group, 'deactivate', (register) => `${register.name} deactivated.`, '.reactivate');
  }

  /** True only when the confirmation's Deactivate button was pressed. */
  function confirmDeactivation(name) {
    $('confirm-name').textContent = name;
    return confirm($('confirm-deactivate'));
  }

  async function reactivate(group) {
    await change(group, 'reactivate', (register) => `${register.name} reactivated.`, '.deactivate');
  }

  async function change(group, verb, said, focusAfter) {
    const { ok, data } = await call('POST', `${settingsApi}/registers/${group.register.id}/${verb}`);
    if (!ok) {
      await refused(group, data, `.${verb}`);
      return;
    }
    announce(said(data));
    await refresh();
    group.q(focusAfter).focus();
  }

  async function requeue(group) {
    const { ok, data } = await call('POST', `${syncApi}/registers/${group.register.id}/requeue`);
    if (!ok) {
      await refused(group, data, '.requeue');
      return;
    }
    announce(`${group.register.name} will be sent to Odoo again.`);
    await refresh();
    group.q('.edit').focus();
  }

  /** Says why, then shows the register as it is now: another admin may have changed it meanwhile. */
  async function refused(group, problem, pressed) {
    announce(describe(problem));
    await refresh();
    if (group.q(pressed).hidden) {
      group.q('.edit').focus();
    }
  }

  // ---- problems -----------------------------------------------------------------------------

  /** A problem in words; an unavailable service (a 503) says so. */
  function describe(problem) {
    return problem?.status === 503
      ? `The service is unavailable. ${problem.detail ?? 'Try again in a few seconds.'}`
      : window.NixCafePage.describe(problem);
  }

  // ---- start --------------------------------------------------------------------------------

  $('sign-in-form').addEventListener('submit', guarded(signIn));
  $('sign-out').addEventListener('click', guarded(session.signOut));
  $('shop').addEventListener('change', guarded(() => selectShop($('shop').value)));
  $('create-form').addEventListener('submit', guarded(create));

  session.start((signedIn) => showSettings(signedIn.tenant), 'The settings');
})();
