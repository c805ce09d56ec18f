package io.rapport.importing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure of {@code /api/rapport/imports} and {@code /exports} as a Dataverse error body
 * {@code {"error":{"code","message"}}} that says what is wrong, Spring MVC's own (a missing parameter, a malformed
 * id, a broken upload, an unsupported method) included.
 */
@RestControllerAdvice(assignableTypes = ImportController.class)
class ImportApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ImportApiErrors.class);

    @ExceptionHandler(RapportException.class)
    ResponseEntity<Object> rapport(RapportException e) {
        if (e.code().httpStatus() >= 500) {
            log.error("import api failed code={}", e.code(), e);
        }
        return body(e.code().httpStatus(), e.code(), e.getMessage());
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> upload(MultipartException e) {
        return body(400, ErrorCode.INVALID_PAYLOAD, "The upload could not be read as multipart/form-data.");
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return body(400, ErrorCode.INVALID_ARGUMENT, "The value '" + e.getValue() + "' of '" + e.getPropertyName()
                + "' is not a valid " + ("UUID".equals(type) ? "id" : type.toLowerCase(java.util.Locale.ROOT)) + ".");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String detail = body instanceof ProblemDetail p && p.getDetail() != null ? p.getDetail() : e.getMessage();
        ResponseEntity<Object> r = body(status.value(), ErrorCode.forStatus(status.value()), detail);
        return ResponseEntity.status(status).headers(headers).body(r.getBody());
    }

    private static ResponseEntity<Object> body(int status, ErrorCode code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", Map.of("code", code.hex(), "message", message)));
    }
}
