/**
 * The Web UI: server-rendered pages (Thymeleaf + htmx) generated from metadata, with list views, forms, related
 * records, dashboards and a customization area, in English, Spanish and Brazilian Portuguese. It reads and writes
 * records only through the pipeline.
 */
package io.rapport.web;
