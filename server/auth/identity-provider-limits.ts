// How long the sign-in settings' values may be: the form enforces them as the person types and the
// server again (zod), with a message that gives the limit.

/** An issuer URL; real ones are far shorter, and browsers cap URLs around this length. */
export const MAX_ISSUER_LENGTH = 2_000;
/** A client id as identity providers issue them (Keycloak, Entra, Okta, Auth0 are far shorter). */
export const MAX_CLIENT_ID_LENGTH = 255;
/** A client secret; long enough for any provider's, short enough to bound what goes to Vault. */
export const MAX_CLIENT_SECRET_LENGTH = 4_096;
