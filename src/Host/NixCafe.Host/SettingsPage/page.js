'use strict';

// What the settings page and the operator console share, loaded before each page's own script:
// calls to the JSON API with the session's antiforgery token (a lost session shows the page's
// sign-in form), sign-in and sign-out, polling, the confirmation dialog, and ProblemDetails shown
// next to their fields. It adds one name to the page: NixCafePage.
window.NixCafePage = (() => {
  const $ = (id) => document.getElementById(id);

  /** Thrown when the server no longer knows the session: the sign-in form is already showing. */
  class SessionEnded extends Error {}

  function announce(text) {
    $('status').textContent = text;
  }

  function reportUnexpected(error) {
    // A lost session needs no message: the sign-in form already says why.
    if (!(error instanceof SessionEnded)) {
      announce(`Something went wrong: ${error.message}. Reload the page and try again.`);
    }
  }

  /** Runs an event's action; an unexpected failure is said on the page rather than lost. */
  function guarded(action) {
    return async (event) => {
      event?.preventDefault();
      try {
        await action(event);
      } catch (error) {
        reportUnexpected(error);
      }
    };
  }

  /** For a read that may fail quietly (a poll, a side panel): a failed answer, unless the session ended. */
  function failedUnlessSessionEnded(error) {
    if (error instanceof SessionEnded) {
      throw error;
    }
    return { ok: false };
  }

  /** A ProblemDetails in words. */
  function describe(problem) {
    return problem?.detail ?? problem?.title ?? 'The server did not accept this.';
  }

  function messagesOf(problem, field) {
    const messages = problem?.errors?.[field];
    return messages?.length ? messages.join(' ') : null;
  }

  function setFieldError(input, error, message) {
    error.textContent = message;
    if (message) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
  }

  function clearErrors(container) {
    for (const error of container.querySelectorAll('.field-error, .form-error')) {
      error.textContent = '';
    }
    for (const input of container.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
    }
  }

  /** Answers the confirmation still waiting for its answer, if any. */
  let answerConfirmation = null;

  /**
   * Opens the confirmation `dialog` (its text already set); true only when its
   * confirm button was pressed. The answer is read from the button's submit, which comes at once.
   * The close event cannot be trusted for it: it is dispatched from a task queued when the dialog
   * closes, so when the dialog is cancelled (Escape) and opened again before that task runs — two
   * quick keys on a busy machine — the first closing's event arrives while the second
   * confirmation is open, and was taken for the second's cancel. So a close while the dialog is
   * open is ignored, and opening the dialog answers a confirmation that is still waiting: the
   * dialog closed without a submit, which is a cancel.
   */
  function confirm(dialog) {
    answerConfirmation?.(false);
    return new Promise((resolve) => {
      const answer = (confirmed) => {
        dialog.removeEventListener('submit', submitted);
        dialog.removeEventListener('close', closed);
        answerConfirmation = null;
        resolve(confirmed);
      };
      const submitted = (event) => answer(event.submitter?.value === 'confirm');
      const closed = () => {
        if (!dialog.open) {
          answer(false);
        }
      };
      dialog.addEventListener('submit', submitted);
      dialog.addEventListener('close', closed);
      answerConfirmation = answer;
      dialog.showModal();
    });
  }

  /** One timer at a time: a poll scheduled anew replaces the one waiting. */
  function poller(milliseconds) {
    let timer = 0;
    const stop = () => clearTimeout(timer);
    return {
      stop,
      later(refresh, onFailure) {
        stop();
        timer = setTimeout(() => refresh({ poll: true }).catch(onFailure), milliseconds);
      },
    };
  }

  /**
   * A page's session with its API at `sessionApi`: `showSignInForm(reason)` shows the
   * page's sign-in form, `endedReason` says why when the server no longer knows the session,
   * and `describe` says a ProblemDetails in words (the page's own, where it says more).
   */
  function session({ sessionApi, endedReason, showSignInForm, describe: say = describe }) {
    let token = '';

    /** A poll says it is one, so that it does not renew the session: an open page must not keep it alive forever. */
    async function call(method, url, body, { poll = false } = {}) {
      const headers = { Accept: 'application/json' };
      if (method !== 'GET') {
        headers['X-CSRF-TOKEN'] = token;
      }
      if (poll) {
        headers['X-NixCafe-Poll'] = '1';
      }
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
      }
      const response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
      const data = response.status === 204 ? null : await response.json().catch(() => null);
      if (response.status === 401 && url !== sessionApi) {
        await showSignIn(endedReason);
        throw new SessionEnded();
      }
      return { ok: response.ok, status: response.status, data };
    }

    async function load() {
      const { ok, data } = await call('GET', sessionApi);
      if (!ok) {
        throw new Error(say(data));
      }
      token = data.antiforgeryToken;
      return data;
    }

    /** After a sign-out or a lost session: the old antiforgery token was bound to the old session. */
    async function showSignIn(reason) {
      await load();
      showSignInForm(reason);
    }

    /** Signs in with the key typed in `input`, sent as `field`; a refusal is said in `error`. */
    async function signIn(input, error, field, signedIn) {
      setFieldError(input, error, '');
      const { ok, data } = await call('POST', sessionApi, { [field]: input.value });
      if (!ok) {
        setFieldError(input, error, messagesOf(data, field) ?? [data?.title, data?.detail].filter(Boolean).join(' '));
        input.focus();
        return;
      }
      input.value = '';
      await signedIn(await load());
    }

    async function signOut() {
      const { ok, data } = await call('DELETE', sessionApi)
        .catch(() => ({ ok: false, data: { detail: 'The server could not be reached.' } }));
      // The cookie is only gone when the server says so: until then the session still works.
      if (!ok) {
        announce(`Signing out failed: ${say(data)} You are still signed in.`);
        return;
      }
      await showSignIn();
      announce('Signed out.');
    }

    /** Field messages next to their fields (`field: [input, error]`); anything else under the form. */
    function showProblem(problem, fields, formError) {
      let first = null;
      for (const [field, [input, error]] of Object.entries(fields)) {
        const messages = messagesOf(problem, field);
        if (messages) {
          setFieldError(input, error, messages);
          first ??= input;
        }
      }
      if (!first) {
        formError.textContent = say(problem);
      }
      first?.focus();
    }

    /** Opens the page: signed in already, or the sign-in form; `what` names the page when it cannot load. */
    function start(signedIn, what) {
      (async () => {
        const current = await load();
        if (current.signedIn) {
          await signedIn(current);
        } else {
          showSignInForm();
        }
      })().catch((error) => {
        if (!(error instanceof SessionEnded)) {
          $('loading').textContent = `${what} could not be loaded: ${error.message}`;
        }
      });
    }

    return { call, load, showSignIn, signIn, signOut, showProblem, start };
  }

  return {
    $, SessionEnded, announce, reportUnexpected, guarded, failedUnlessSessionEnded, describe, messagesOf, setFieldError, clearErrors, confirm, poller, session,
  };
})();
