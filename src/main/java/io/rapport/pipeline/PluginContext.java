package io.rapport.pipeline;

import io.rapport.metadata.MetadataSnapshot;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a plugin or action sees of the message being processed. The target may be changed in pre-validation and
 * pre-operation; images show the record before and after; {@link #service()} runs further messages in the same
 * transaction as the same caller.
 */
public final class PluginContext {

    private final String messageName;
    private final String entityName;
    private final int depth;
    private final Caller caller;
    private final OrganizationRequest<?> request;
    private final MetadataSnapshot snapshot;
    private final OrganizationService service;
    private final Map<String, Object> sharedVariables;
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private Stage stage;
    private Entity target;
    private EntityReference targetReference;
    private Entity preImage;
    private Entity postImage;

    public PluginContext(String messageName, String entityName, int depth, Caller caller,
            OrganizationRequest<?> request, MetadataSnapshot snapshot, OrganizationService service,
            Map<String, Object> sharedVariables) {
        this.messageName = messageName;
        this.entityName = entityName;
        this.depth = depth;
        this.caller = caller;
        this.request = request;
        this.snapshot = snapshot;
        this.service = service;
        this.sharedVariables = sharedVariables == null ? new HashMap<>() : sharedVariables;
    }

    public String messageName() {
        return messageName;
    }

    /** The primary entity of the message, or {@code null} for unbound actions. */
    public String entityName() {
        return entityName;
    }

    /** 1 for a request from outside, one more for each message run from a plugin or cascade. */
    public int depth() {
        return depth;
    }

    public Caller caller() {
        return caller;
    }

    public OrganizationRequest<?> request() {
        return request;
    }

    public MetadataSnapshot snapshot() {
        return snapshot;
    }

    /** Runs further messages in this transaction, as the same caller, one level deeper. */
    public OrganizationService service() {
        return service;
    }

    public Map<String, Object> sharedVariables() {
        return sharedVariables;
    }

    /** Output parameters of the message (e.g. {@code id} of a create). */
    public Map<String, Object> outputs() {
        return outputs;
    }

    public Stage stage() {
        return stage;
    }

    public void setStage(Stage stage) {
        this.stage = stage;
    }

    /** The record being created or updated (only the attributes being written, for an update). */
    public Entity target() {
        return target;
    }

    public void setTarget(Entity target) {
        this.target = target;
    }

    public EntityReference targetReference() {
        return targetReference;
    }

    public void setTargetReference(EntityReference targetReference) {
        this.targetReference = targetReference;
    }

    /** The whole record before the operation (update, delete, assign, set state), else {@code null}. */
    public Entity preImage() {
        return preImage;
    }

    public void setPreImage(Entity preImage) {
        this.preImage = preImage;
    }

    /** The whole record after the operation, in post-operation of create and update. */
    public Entity postImage() {
        return postImage;
    }

    public void setPostImage(Entity postImage) {
        this.postImage = postImage;
    }

    /** The value an attribute has after the operation: the target's if it writes it, else the pre-image's. */
    public Object valueAfter(String attribute) {
        if (target != null && target.contains(attribute)) {
            return target.get(attribute);
        }
        return preImage == null ? null : preImage.get(attribute);
    }
}
