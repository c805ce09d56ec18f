package io.rapport.activity.internal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Activity settings.
 *
 * @param maxAttachmentBytes the largest file a note may carry, in bytes (decoded)
 * @param blockedExtensions file name extensions notes may not carry (executables and scripts)
 */
@ConfigurationProperties("rapport.activity")
public record ActivityProperties(Long maxAttachmentBytes, List<String> blockedExtensions) {

    public ActivityProperties {
        maxAttachmentBytes = maxAttachmentBytes == null ? 5L * 1024 * 1024 : maxAttachmentBytes;
        blockedExtensions = blockedExtensions == null ? List.of("ade", "adp", "app", "asp", "bas", "bat", "chm",
                "cmd", "com", "cpl", "csh", "exe", "hta", "inf", "ins", "isp", "jar", "js", "jse", "lnk", "mde",
                "msc", "msi", "msp", "mst", "pcd", "pif", "ps1", "reg", "scr", "sct", "shs", "sh", "url", "vb",
                "vbe", "vbs", "wsc", "wsf", "wsh") : List.copyOf(blockedExtensions);
    }
}
