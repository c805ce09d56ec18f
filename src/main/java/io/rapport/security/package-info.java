/**
 * Security: users, business units, teams, the caller of each request, privilege checks, authentication and the
 * organization's first-start set-up.
 */
package io.rapport.security;
