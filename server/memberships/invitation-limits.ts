// Bounds of an invitation's input, shared by the form (maxLength) and the server schema.

/** The longest address SMTP can deliver to (RFC 5321: a 254-character path less the brackets). */
export const MAX_EMAIL_LENGTH = 254;
