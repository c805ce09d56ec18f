package io.rapport.importing.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.LocalDateTime;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Names of the import tables and their columns. */
final class ImportTables {

    static final Table<Record> JOB = table(name("sys_importjob"));
    static final Field<UUID> ID = field(name("importjobid"), UUID.class);
    static final Field<String> ENTITY = field(name("entityname"), String.class);
    static final Field<String> FILE_NAME = field(name("filename"), String.class);
    static final Field<String> FORMAT = field(name("format"), String.class);
    static final Field<String> ENCODING = field(name("encoding"), String.class);
    static final Field<String> DELIMITER = field(name("delimiter"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<UUID> OWNER = field(name("ownerid"), UUID.class);
    static final Field<String> MAPPING = field(name("mapping"), String.class);
    static final Field<String> OPTIONS = field(name("options"), String.class);
    static final Field<Integer> TOTAL = field(name("totalrows"), Integer.class);
    static final Field<Integer> PROCESSED = field(name("processedrows"), Integer.class);
    static final Field<Integer> CREATED = field(name("createdcount"), Integer.class);
    static final Field<Integer> UPDATED = field(name("updatedcount"), Integer.class);
    static final Field<Integer> SKIPPED = field(name("skippedcount"), Integer.class);
    static final Field<Integer> FAILED = field(name("failedcount"), Integer.class);
    static final Field<String> MESSAGE = field(name("message"), String.class);
    static final Field<Boolean> CANCEL = field(name("cancelrequested"), Boolean.class);
    static final Field<String> CLAIMED_BY = field(name("claimedby"), String.class);
    static final Field<LocalDateTime> HEARTBEAT = field(name("heartbeat"), LocalDateTime.class);
    static final Field<LocalDateTime> CREATED_ON = field(name("createdon"), LocalDateTime.class);
    static final Field<LocalDateTime> STARTED_ON = field(name("startedon"), LocalDateTime.class);
    static final Field<LocalDateTime> FINISHED_ON = field(name("finishedon"), LocalDateTime.class);
    static final Field<LocalDateTime> MODIFIED_ON = field(name("modifiedon"), LocalDateTime.class);

    /** Every job column, typed; select these rather than the bare table so values come back as Java types. */
    static final Field<?>[] JOB_FIELDS = {ID, ENTITY, FILE_NAME, FORMAT, ENCODING, DELIMITER, STATUS, OWNER, MAPPING,
        OPTIONS, TOTAL, PROCESSED, CREATED, UPDATED, SKIPPED, FAILED, MESSAGE, CANCEL, CLAIMED_BY, HEARTBEAT,
        CREATED_ON, STARTED_ON, FINISHED_ON, MODIFIED_ON};

    static final Table<Record> FILE = table(name("sys_importfile"));
    static final Field<Integer> CHUNK = field(name("chunk"), Integer.class);
    static final Field<byte[]> CONTENT = field(name("content"), byte[].class);

    static final Table<Record> ERROR = table(name("sys_importerror"));
    static final Field<Integer> LINE = field(name("linenumber"), Integer.class);
    static final Field<String> COLUMN = field(name("columnname"), String.class);
    static final Field<String> REASON = field(name("reason"), String.class);
    static final Field<String> RAW = field(name("rawvalues"), String.class);

    static final Table<Record> MAP = table(name("sys_importmap"));
    static final Field<String> MAP_NAME = field(name("name"), String.class);

    private ImportTables() {
    }
}
