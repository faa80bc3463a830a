// Lengths an organization's names may have: DNS's own, and ours for display names. Alone in this
// file so that a form can hold to them without loading the slug rules too.

/** One DNS label. */
export const MAX_LABEL_LENGTH = 63;
/** A whole domain name, dots included. */
export const MAX_DOMAIN_NAME_LENGTH = 253;
/** Long enough for any company name; the form and the server both hold to it. */
export const MAX_DISPLAY_NAME_LENGTH = 100;
