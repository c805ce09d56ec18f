/** Records as data: {@code Entity}, {@code EntityReference}, {@code EntityCollection}; shared by every module. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.rapport.record;
