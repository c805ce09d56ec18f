# Starts Debian's wapiti (3.0.x) for the web vulnerability scan (WebVulnerabilityScanTest).
# Wapiti 3.0.4 builds the pattern of each excluded URL (-x) as "...\Z(?ms)", which Python 3.11 refuses ("global
# flags not at the start of the expression"): the same pattern with its flags first is put in its place.
import re
import sys

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402 (after the patch)

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
