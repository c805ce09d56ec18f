package io.rapport.webapi.internal.routing;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.record.EntityReference;
import java.util.Map;
import java.util.UUID;

/** Turns entity URLs ({@code /accounts(<id>)}, absolute URLs, {@code $1}) and keys into references. */
public final class EntityUrls {

    static final String SERVICE_PATH = "/api/data/v9.2/";

    private EntityUrls() {
    }

    /** A reference from an {@code @odata.bind} value or a {@code $ref} body's {@code @odata.id}. */
    public static EntityReference parse(String url, MetadataSnapshot snapshot, Map<String, String> contentIds) {
        String path = relative(url, contentIds);
        ODataPath parsed = ODataPath.parse(path);
        if (parsed.size() != 1 || !parsed.get(0).hasKey()) {
            throw new RapportException(ErrorCode.INVALID_PAYLOAD, "The URL '" + (url.length() > 200
                    ? url.substring(0, 200) + "…" : url) + "' does not identify one record; use the form "
                    + "/<entityset>(<id>).");
        }
        ODataPath.Segment s = parsed.get(0);
        EntityMetadata e = snapshot.findEntityBySetName(s.name()).orElseThrow(() -> new RapportException(
                ErrorCode.RESOURCE_NOT_FOUND, "Resource not found for the segment '" + s.name() + "'."));
        return reference(e, s);
    }

    /** The path below the service root of an absolute, rooted or relative entity URL. */
    public static String relative(String url, Map<String, String> contentIds) {
        String u = url.trim();
        if (u.startsWith("$")) {
            int end = u.indexOf('/');
            String id = end < 0 ? u.substring(1) : u.substring(1, end);
            String target = contentIds.get(id);
            if (target == null) {
                throw new RapportException(ErrorCode.INVALID_PAYLOAD, "No request of this change set has the "
                        + "Content-ID " + id + ".");
            }
            u = target + (end < 0 ? "" : u.substring(end));
        }
        int service = u.indexOf(SERVICE_PATH);
        if (service >= 0) {
            return u.substring(service + SERVICE_PATH.length());
        }
        return u.startsWith("/") ? u.substring(1) : u;
    }

    /** The record a key segment names: by id, by primary-key name, or by an alternate key. */
    public static EntityReference reference(EntityMetadata e, ODataPath.Segment s) {
        if (s.key() != null) {
            if (!(s.key() instanceof UUID id)) {
                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The key '" + s.key() + "' of "
                        + e.entitySetName() + " is not a GUID; use (<guid>) or an alternate key (name='value').");
            }
            return new EntityReference(e.logicalName(), id);
        }
        Map<String, Object> named = s.named();
        if (named.size() == 1 && named.containsKey(e.primaryIdAttribute())
                && named.get(e.primaryIdAttribute()) instanceof UUID id) {
            return new EntityReference(e.logicalName(), id);
        }
        for (String attribute : named.keySet()) {
            if (!e.hasAttribute(attribute)) {
                throw new RapportException(ErrorCode.ATTRIBUTE_NOT_FOUND, "The key attribute '" + attribute
                        + "' does not exist on " + e.logicalName() + ".", attribute);
            }
        }
        return EntityReference.byKey(e.logicalName(), named);
    }
}
