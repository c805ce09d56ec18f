/** Typed errors with stable Dataverse-style codes, shared by every module. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.rapport.error;
