package io.rapport.service.internal;

import io.rapport.pipeline.PluginContext;
import java.util.UUID;

/** Work done when a case is resolved, before its state changes, in the same transaction (allotments, SLAs). */
interface CaseResolutionStep {

    void resolving(PluginContext context, UUID incident, int minutesSpent);
}
