/* global document, Element, HTMLElement, HTMLInputElement, HTMLSelectElement */
// Behaviour of the pages. Everything works without it (the server checks and answers every form); with it
// the forms check fields as you type, switch person/organization fields, add and remove parties, and show
// that a submission is under way.
import { RULES } from './field-rules.js';

const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute('content');

// htmx requests carry the CSRF token as a header (forms carry it as a hidden field).
document.addEventListener('htmx:config:request', (event) => {
  const token = csrfToken();
  if (token) event.detail.ctx.request.headers['X-CSRF-Token'] = token;
});

// ---- field errors, in the same place the server puts them ----

function errorElementOf(field) {
  return document.getElementById(field.id.replace(/^f-/, 'e-'));
}

function showProblem(field, problem) {
  const error = errorElementOf(field);
  if (problem) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
  if (!error) return;
  error.textContent = problem ?? '';
  error.hidden = !problem;
}

/**
 * Whether the field must be filled: always (`required`), or for a party in a role (a defendant's service
 * address, which the server also refuses without).
 */
function requiredHere(field) {
  if (field.required) return true;
  const role = field.dataset.requiredForRole;
  return role !== undefined && field.closest('[data-party]')?.querySelector('select[name$=".role"]')?.value === role;
}

/** The field's problem, or null; `submitting` (or leaving a field required for its party) reports it empty. */
function problemOf(field, submitting) {
  const value = field.value.trim();
  if (value === '') {
    if (!(submitting || field.dataset.requiredForRole) || !requiredHere(field)) return null;
    return field.dataset.requiredMessage ?? '此项为必填项';
  }
  const rule = RULES[field.dataset.rule];
  return rule ? rule(field.value) : null;
}

function check(field, submitting = false) {
  const problem = problemOf(field, submitting);
  showProblem(field, problem);
  return problem;
}

const checkable = (el) => el instanceof HTMLElement && el.matches('input, select, textarea') && !el.disabled;

// As you type: a field already marked wrong is re-checked at once (the message goes as soon as it is right;
// a rule only the server knows counts as met once the field is changed); an identity number or phone number
// is checked when it reaches its full length.
document.addEventListener('input', (event) => {
  const field = event.target;
  if (!checkable(field)) return;
  const full = field.dataset.rule && field.maxLength > 0 && field.value.trim().length >= field.maxLength;
  if (field.getAttribute('aria-invalid') === 'true' || full) check(field);
});

// Leaving a field checks it against its rule. A message is not removed on leaving alone: that would move the
// button below it just as the mouse goes down on it, and the click would miss.
document.addEventListener('focusout', (event) => {
  const field = event.target;
  if (checkable(field) && (field.dataset.rule || field.dataset.requiredForRole)) check(field);
});

// A file over the upload limit (`data-max-bytes`) is refused as soon as it is chosen, and the form is not sent:
// sending it would take minutes only to be refused.
function fileTooLarge(input) {
  const max = Number(input.dataset.maxBytes);
  const tooLarge = [...(input.files ?? [])].some((file) => file.size > max);
  showProblem(input, tooLarge ? input.dataset.tooLargeMessage : null);
  return tooLarge;
}

document.addEventListener('change', (event) => {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.type === 'file' && input.dataset.maxBytes) fileTooLarge(input);
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  const tooLarge = [...form.querySelectorAll('input[type="file"][data-max-bytes]')].filter(fileTooLarge);
  if (tooLarge.length > 0) {
    event.preventDefault();
    tooLarge[0].focus();
    return;
  }
  if (form.hasAttribute('data-validate')) {
    const fields = [...form.querySelectorAll('input, select, textarea')].filter(checkable);
    const wrong = fields.filter((field) => check(field, true));
    if (wrong.length > 0) {
      event.preventDefault();
      wrong[0].focus();
      return;
    }
  }
  markBusy(form);
  const progress = form.dataset.progress && document.getElementById(form.dataset.progress);
  if (progress) {
    progress.dataset.sending = '1';
    followProgress(progress);
  }
});

/** Shows that the form is being sent and stops a second click from sending it twice. */
function markBusy(form) {
  const button = form.querySelector('button[type="submit"]');
  // getAttribute: `form.method` would be a field of the form named "method", if it has one.
  if (!button || form.getAttribute('method')?.toLowerCase() !== 'post') return;
  form.setAttribute('aria-busy', 'true');
  button.disabled = true;
  if (form.dataset.busyText) button.textContent = form.dataset.busyText;
}

// ---- a bulk step under way (the batch page): how far it has got, asked for again every two seconds ----

const PROGRESS_EVERY_MS = 2000;

/**
 * Asks for the box's fragment (`data-progress-url`) again while it shows a run under way, or while this page's own
 * form is being answered (the answer then replaces the page). A run someone else started that has ended changes
 * the counts by status: the page is loaded again (unless a file is chosen for one of its forms).
 */
function followProgress(box) {
  if (box.dataset.following) return;
  box.dataset.following = '1';
  let sawRunning = box.querySelector('[data-running]') !== null;
  const tick = async () => {
    try {
      const answer = await fetch(box.dataset.progressUrl, { credentials: 'same-origin', cache: 'no-store' });
      if (answer.ok) box.innerHTML = await answer.text();
    } catch {
      // Asked again at the next tick.
    }
    const running = box.querySelector('[data-running]') !== null;
    sawRunning ||= running;
    if (box.dataset.sending || running) {
      globalThis.setTimeout(tick, PROGRESS_EVERY_MS);
      return;
    }
    delete box.dataset.following;
    // Not while a file is chosen for a form: loading the page again would drop it.
    const choosing = [...document.querySelectorAll('input[type="file"]')].some((input) => input.files?.length > 0);
    if (sawRunning && !choosing) globalThis.location.reload();
  };
  globalThis.setTimeout(tick, PROGRESS_EVERY_MS);
}

document.querySelectorAll('[data-progress-url]').forEach((box) => {
  if (box.querySelector('[data-running]')) followProgress(box);
});

// ---- parties of the registration form ----

function setPartyKind(fieldset, kind) {
  fieldset.dataset.kind = kind;
  for (const field of fieldset.querySelectorAll('.only-person input')) field.disabled = kind !== 'PERSON';
  for (const field of fieldset.querySelectorAll('.only-organization input')) field.disabled = kind !== 'ORGANIZATION';
}

function renumberParties() {
  document.querySelectorAll('[data-party]').forEach((fieldset, i) => {
    const number = fieldset.querySelector('[data-party-number]');
    if (number) number.textContent = String(i + 1);
  });
}

document.addEventListener('change', (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.hasAttribute('data-party-kind')) {
    setPartyKind(select.closest('[data-party]'), select.value);
  }
});

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-remove-party]') : null;
  if (!button) return;
  button.closest('[data-party]').remove();
  renumberParties();
  document.querySelector('[hx-get="/cases/new/party"]')?.focus();
});

// A party added by htmx: number it and put the cursor in it.
document.addEventListener('htmx:after:swap', () => {
  renumberParties();
  const parties = document.querySelectorAll('[data-party]');
  const added = parties[parties.length - 1];
  if (added && !added.dataset.seen) {
    added.dataset.seen = '1';
    added.querySelector('select')?.focus();
  }
});

// A page answering a form post (a refused form shown again) becomes a plain entry of the history, so that a
// reload asks for the page again instead of sending the form a second time.
if (document.querySelector('form[method="post"]')) globalThis.history.replaceState(null, '', globalThis.location.href);

// After the server refused a form, start at the list of what to correct.
document.getElementById('error-summary')?.focus();
document.querySelectorAll('[data-party]').forEach((fieldset) => {
  fieldset.dataset.seen = '1';
});

// ---- "select all" for a list of checkboxes (bulk assignment); the button shows only where it works ----

document.querySelectorAll('[data-check-all]').forEach((button) => {
  const list = document.getElementById(button.dataset.checkAll);
  if (!list) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    const boxes = [...list.querySelectorAll('input[type="checkbox"]')];
    const all = boxes.every((box) => box.checked);
    for (const box of boxes) box.checked = !all;
  });
});

// ---- the CJK web font ----
// Only a machine without a Chinese system font downloads the web font (app.css), and it arrives after the
// first paint; Chromium then keeps drawing boxes for some text laid out before. Naming the font first once
// it has loaded makes the browser lay all text out again with it.
const WEB_FONT = 'MP Noto Sans SC';
function markWebFontLoaded() {
  const loaded = [...document.fonts].some(
    (face) => face.family.replace(/"/g, '') === WEB_FONT && face.status === 'loaded',
  );
  if (loaded) document.documentElement.classList.add('cjk-web-font');
}
document.fonts.addEventListener('loadingdone', markWebFontLoaded);
markWebFontLoaded();

// ---- the phone (issue 32): sections that fold, shortcuts that land on their field, fields that grow ----
// The server sends the folding sections open (a desktop, or a browser without scripts, sees everything); on a
// phone they start closed, except one holding what the server just said about a form (an error, a success).
const PHONE_WIDTH = globalThis.matchMedia('(max-width: 639px)');
if (PHONE_WIDTH.matches) {
  document.querySelectorAll('details[data-fold-on-phone]').forEach((details) => {
    if (!details.querySelector('[aria-invalid="true"], .alert')) details.open = false;
  });
}

/** Opens the folded sections and forms around `target`, then brings it (and its label) into the middle of the window. */
function reveal(target) {
  for (let el = target.parentElement; el; el = el.parentElement) {
    if (el.tagName === 'DETAILS') el.open = true;
  }
  target.scrollIntoView({ block: 'center' });
  if (target.matches('input, select, textarea')) target.focus({ preventScroll: true });
}

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
  const target =
    link && link.getAttribute('href').length > 1 ? document.querySelector(link.getAttribute('href')) : null;
  if (!target) return;
  event.preventDefault();
  globalThis.history.replaceState(null, '', link.getAttribute('href'));
  reveal(target);
});
if (globalThis.location.hash.length > 1) {
  const target = document.getElementById(decodeURIComponent(globalThis.location.hash.slice(1)));
  if (target && target.closest('details:not([open])')) reveal(target);
}

// A field that grows with its text (the agreement): no scrolling inside a small box on a phone.
function grow(field) {
  if (field.scrollHeight === 0) return; // in a closed form: grown when it opens
  field.style.height = 'auto';
  field.style.height = `${field.scrollHeight + 2}px`;
}
document.querySelectorAll('textarea[data-grow]').forEach(grow);
document.addEventListener('input', (event) => {
  if (event.target instanceof Element && event.target.matches('textarea[data-grow]')) grow(event.target);
});
document.addEventListener(
  'toggle',
  (event) => {
    if (event.target instanceof Element && event.target.tagName === 'DETAILS' && event.target.open)
      event.target.querySelectorAll('textarea[data-grow]').forEach(grow);
  },
  true,
);
