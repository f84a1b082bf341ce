// What a page handler returns besides plain data for its @Render template.

/** A cookie the response sets (value) or clears (null). Page cookies are always HttpOnly and SameSite=Strict. */
export interface CookieChange {
  name: string;
  value: string | null;
  maxAgeSeconds?: number;
}

/** Go to another page: 303 See Other, the answer to a form POST (so a reload does not post twice). */
export class Redirect {
  constructor(
    readonly url: string,
    readonly cookies: CookieChange[] = [],
  ) {}
}

/** Render a template other than the handler's, or with another status (a form shown again with its errors). */
export class View {
  constructor(
    readonly template: string,
    readonly data: object,
    readonly status = 200,
    /** Cookies set with the page (a new session shown with what may be seen only once). */
    readonly cookies: CookieChange[] = [],
  ) {}
}
