package io.rapport.importing.internal;

import static io.rapport.importing.internal.ImportTables.CHUNK;
import static io.rapport.importing.internal.ImportTables.CONTENT;
import static io.rapport.importing.internal.ImportTables.FILE;
import static io.rapport.importing.internal.ImportTables.ID;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Keeps uploaded files in the database in 1 MiB chunks, so that every node can read them and a reader holds one
 * chunk at a time.
 */
@Repository
class ImportFileStore {

    static final int CHUNK_SIZE = 1 << 20;

    private final DSLContext dsl;

    ImportFileStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    void save(UUID job, byte[] content) {
        for (int chunk = 0, offset = 0; offset < content.length || chunk == 0; chunk++, offset += CHUNK_SIZE) {
            byte[] part = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + CHUNK_SIZE));
            dsl.insertInto(FILE).columns(ID, CHUNK, CONTENT).values(job, chunk, part).execute();
        }
    }

    void delete(UUID job) {
        dsl.deleteFrom(FILE).where(ID.eq(job)).execute();
    }

    /** A stream over the file that fetches one chunk at a time. */
    InputStream open(UUID job) {
        return new InputStream() {
            private int next;
            private InputStream current = InputStream.nullInputStream();
            private boolean done;

            private boolean advance() {
                if (done) {
                    return false;
                }
                byte[] part = dsl.select(CONTENT).from(FILE).where(ID.eq(job)).and(CHUNK.eq(next)).fetchOne(CONTENT);
                if (part == null) {
                    done = true;
                    return false;
                }
                next++;
                current = new ByteArrayInputStream(part);
                return true;
            }

            @Override
            public int read() throws IOException {
                int b;
                while ((b = current.read()) < 0) {
                    if (!advance()) {
                        return -1;
                    }
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n;
                while ((n = current.read(buffer, off, len)) < 0) {
                    if (!advance()) {
                        return -1;
                    }
                }
                return n;
            }
        };
    }
}
