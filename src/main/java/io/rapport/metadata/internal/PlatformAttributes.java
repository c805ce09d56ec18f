package io.rapport.metadata.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.OptionSetMetadata;
import io.rapport.metadata.OwnershipType;
import io.rapport.metadata.RequiredLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The attributes the platform adds to every entity: id, state, owner, created/modified and version. */
final class PlatformAttributes {

    private PlatformAttributes() {
    }

    static List<AttributeMetadata> complete(EntityMetadata entity, List<AttributeMetadata> declared) {
        List<AttributeMetadata> result = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        declared.forEach(a -> names.add(a.logicalName()));
        if (!names.contains(entity.primaryIdAttribute())) {
            result.add(attr(entity.primaryIdAttribute(), AttributeType.UNIQUEIDENTIFIER,
                    label(entity.displayName().get("en"), entity.displayName().get("es"),
                            entity.displayName().get("pt-BR")),
                    RequiredLevel.SYSTEM, null, false, true, false));
        }
        result.addAll(declared);
        if (entity.hasStateCode() && !names.contains("statecode")) {
            result.add(new AttributeMetadata("statecode", "StateCode", AttributeType.STATE,
                    label("Status", "Estado", "Status"), null, RequiredLevel.SYSTEM, null, null, null, null, null,
                    null, new OptionSetMetadata(entity.logicalName() + "_statecode", false, null, List.of(
                            new OptionMetadata(0, label("Active", "Activo", "Ativo"), null, 1, "Active", null),
                            new OptionMetadata(1, label("Inactive", "Inactivo", "Inativo"), null, 2, "Inactive", null)),
                            false), null, null, null, false, false, true, true, false, false, true));
        }
        if (entity.hasStateCode() && !names.contains("statuscode")) {
            result.add(new AttributeMetadata("statuscode", "StatusCode", AttributeType.STATUS,
                    label("Status Reason", "Razón para el estado", "Razão do Status"), null, RequiredLevel.NONE, null,
                    null, null, null, null, null, new OptionSetMetadata(entity.logicalName() + "_statuscode", false,
                            null, List.of(
                            new OptionMetadata(1, label("Active", "Activo", "Ativo"), 0, null, null, null),
                            new OptionMetadata(2, label("Inactive", "Inactivo", "Inativo"), 1, null, null, null)),
                            false), null, null, null, false, false, true, true, false, false, true));
        }
        if (entity.ownership() == OwnershipType.USER) {
            if (!names.contains("ownerid")) {
                result.add(lookup("ownerid", AttributeType.OWNER, List.of("systemuser", "team"),
                        label("Owner", "Propietario", "Proprietário"), RequiredLevel.SYSTEM, false, true, true));
            }
            if (!names.contains("owningbusinessunit")) {
                result.add(lookup("owningbusinessunit", AttributeType.LOOKUP, List.of("businessunit"),
                        label("Owning Business Unit", "Unidad de negocio propietaria", "Unidade de Negócios Proprietária"),
                        RequiredLevel.NONE, true, false, false));
            }
        }
        addIfMissing(result, names, attr("createdon", AttributeType.DATETIME,
                label("Created On", "Fecha de creación", "Data de Criação"), RequiredLevel.NONE, null, true, false, false));
        addIfMissing(result, names, lookup("createdby", AttributeType.LOOKUP, List.of("systemuser"),
                label("Created By", "Creado por", "Criado por"), RequiredLevel.NONE, true, false, false));
        addIfMissing(result, names, attr("modifiedon", AttributeType.DATETIME,
                label("Modified On", "Fecha de modificación", "Data de Modificação"), RequiredLevel.NONE, null, true,
                false, false));
        addIfMissing(result, names, lookup("modifiedby", AttributeType.LOOKUP, List.of("systemuser"),
                label("Modified By", "Modificado por", "Modificado por"), RequiredLevel.NONE, true, false, false));
        addIfMissing(result, names, attr("versionnumber", AttributeType.BIGINT,
                label("Version Number", "Número de versión", "Número da Versão"), RequiredLevel.NONE, null, true,
                false, false));
        return result;
    }

    private static void addIfMissing(List<AttributeMetadata> list, java.util.Set<String> names, AttributeMetadata a) {
        if (!names.contains(a.logicalName())) {
            list.add(a);
        }
    }

    static Label label(String en, String es, String pt) {
        return new Label(Map.of("en", en, "es", es, "pt-BR", pt));
    }

    private static AttributeMetadata attr(String name, AttributeType type, Label label, RequiredLevel level,
            List<String> targets, boolean managed, boolean validForCreate, boolean validForUpdate) {
        return new AttributeMetadata(name, null, type, label, null, level, null, null, null, null, targets, null,
                null, null, null, null, false, managed, validForCreate, validForUpdate, false, false, !managed);
    }

    private static AttributeMetadata lookup(String name, AttributeType type, List<String> targets, Label label,
            RequiredLevel level, boolean managed, boolean validForCreate, boolean validForUpdate) {
        return attr(name, type, label, level, targets, managed, validForCreate, validForUpdate);
    }
}
