package io.rapport.web.internal.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.Controller;

/**
 * The one page for errors that no handler answered (filters, unknown paths, failures outside Rapport's own
 * handlers), in place of Spring Boot's. Under {@code /api} it answers Dataverse's error body
 * {@code {"error":{"code","message"}}}, never Spring's {@code {"timestamp":…}}; elsewhere a page in the user's
 * language with the status and what it means, never a stack trace or SQL. Asked for directly, {@code /error} is
 * simply not found.
 * <p>
 * It is a plain {@link Controller} mapped by its bean name rather than an annotated one, so that the page shell's
 * model (which needs a signed-in user) is not built for an error.
 */
@Component("/error")
class ErrorPages implements ErrorController, Controller {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final ErrorAttributes errors;
    private final ObjectMapper json = new ObjectMapper();

    ErrorPages(ErrorAttributes errors) {
        this.errors = errors;
    }

    @Override
    public ModelAndView handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = code instanceof Integer i ? i : 404;
        String path = uri instanceof String s ? s : request.getRequestURI();
        Throwable failure = errors.getError(new ServletWebRequest(request));
        if (status >= 500) {
            log.error("request failed status={} path={}", status, path, failure);
        }
        response.setStatus(status);
        if (path.startsWith(request.getContextPath() + "/api/")) {
            writeApiError(response, status, path, failure, request);
            return null;
        }
        return new ModelAndView("error", Map.of("status", status));
    }

    private void writeApiError(HttpServletResponse response, int status, String path, Throwable failure,
            HttpServletRequest request) throws IOException {
        RapportException rapport = rapport(failure);
        ErrorCode code = rapport != null ? rapport.code() : ErrorCode.forStatus(status);
        String message = rapport != null ? rapport.getMessage() : message(status, path, request);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), Map.of("error", Map.of("code", code.hex(), "message", message)));
    }

    private static RapportException rapport(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RapportException r) {
                return r;
            }
        }
        return null;
    }

    /** What went wrong, for an error that carries no Rapport message (the servlet's own text can show SQL). */
    private static String message(int status, String path, HttpServletRequest request) {
        return switch (status) {
            case 400 -> "The request is not valid.";
            case 401 -> "The request needs to be authenticated.";
            case 403 -> "The caller may not use '" + path + "'.";
            case 404 -> "Resource not found for the segment '" + path.substring(path.lastIndexOf('/') + 1) + "'.";
            case 405 -> "The requested resource does not support http method '" + request.getMethod() + "'.";
            case 413 -> "The request body is too large.";
            case 415 -> "The request's content type is not supported.";
            default -> status >= 500 ? "An unexpected error occurred." : "The request could not be processed "
                    + "(status " + status + ").";
        };
    }
}
