/**
 * The built-in attribute types, one class per type (or per family: picklist/state/status, lookup/customer/owner).
 * Open to other modules so that a module adds a type by extending one of them or {@code AttributeType}.
 */
@org.springframework.modulith.NamedInterface("types")
package io.rapport.metadata.types;
