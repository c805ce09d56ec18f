package io.rapport.security;

import io.rapport.pipeline.Caller;

/**
 * The one rule for administration: a caller administers Rapport when they hold the System Administrator role
 * (directly or through an owner team) and are enabled; the system user of platform work counts as one. Read per
 * security version, so granting or removing the role applies to signed-in people at once.
 */
public interface SystemAdministrators {

    boolean isSystemAdministrator(Caller caller);
}
