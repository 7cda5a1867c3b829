"""ILS rule models the SIP2 server (`kiosk.sip2.server`) serves: the demo
library now, the SLiMS and INLISLite bridges next. `base` is the interface,
`sip2_answers` the one translation between it and SIP2 messages."""
