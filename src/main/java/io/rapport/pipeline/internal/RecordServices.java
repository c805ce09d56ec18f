package io.rapport.pipeline.internal;

import io.rapport.store.RecordStore;
import org.springframework.stereotype.Component;

/** What the record handlers share: the store, metadata validation, defaults and stamps, and access data. */
@Component
record RecordServices(RecordStore store, RecordValidator validator, RecordSupport support, AccessSupport access,
        FormattedValues formatted) {
}
