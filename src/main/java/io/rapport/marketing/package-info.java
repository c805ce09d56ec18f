/**
 * Marketing: marketing lists ({@code list}, {@code listmember}) with their Dataverse messages (AddMemberList,
 * AddListMembersList, RemoveMemberList, CopyMembersList, CopyDynamicListToStatic, QualifyMemberList) and quick
 * campaigns ({@code bulkoperation}, {@code bulkoperationlog}). Everything runs as plugins, actions and jobs of the
 * pipeline, so UI, Web API and import behave alike.
 */
package io.rapport.marketing;
