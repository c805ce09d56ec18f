package io.rapport.webapi.internal.errors;

import io.rapport.error.ErrorCode;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error page for requests it refuses before any servlet runs (a NUL or an encoded slash in the path, a
 * malformed request line): under {@code /api} it answers a Dataverse error body instead of Tomcat's HTML page, so
 * that no error body from outside the Web API reaches its clients. Other paths keep Tomcat's page.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    public ApiErrorReportValve() {
        // Tomcat's own page, where it is still shown, names neither the exception, its stack trace nor the server
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getCoyoteRequest().requestURI().toString();
        // a request line Tomcat could not read (too large) has no path yet: answered as the Web API answers
        boolean unread = uri == null || uri.isEmpty();
        if (!unread && !uri.startsWith("/api/")) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = ErrorCode.forStatus(status);
        String message = tooLarge(throwable) ? "The request was rejected because its URL or headers are larger "
                + "than the server accepts (HTTP " + status + "): send a long query as a GET inside a $batch request."
                : "The request was rejected because the URL is not valid (HTTP " + status + "): it may hold a NUL, an "
                + "encoded slash or backslash, or an invalid percent-encoding.";
        String body = "{\"error\":{\"code\":\"" + code.hex() + "\",\"message\":\"" + message + "\"}}";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone: nothing more can be sent
            container.getLogger().debug("webapi.error-report-failed status=" + status, e);
        }
    }

    private static boolean tooLarge(Throwable throwable) {
        return throwable != null && String.valueOf(throwable.getMessage()).contains("too large");
    }
}
