<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>Account</name>
    <message>
        <source>My account</source>
        <translation>My account</translation>
    </message>
    <message>
        <source>Back to my items</source>
        <translation>Back to my items</translation>
    </message>
    <message>
        <source>Renew all</source>
        <translation>Renew all</translation>
    </message>
    <message>
        <source>Asking the library for your account…</source>
        <translation>Asking the library for your account…</translation>
    </message>
    <message>
        <source>On loan</source>
        <translation>On loan</translation>
    </message>
    <message>
        <source>Nothing on loan.</source>
        <translation>Nothing on loan.</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Holds</translation>
    </message>
    <message>
        <source>No holds.</source>
        <translation>No holds.</translation>
    </message>
    <message>
        <source>Fines and fees</source>
        <translation>Fines and fees</translation>
    </message>
    <message>
        <source>On loan: %1 · overdue: %2 · ready to collect: %3</source>
        <translation>On loan: %1 · overdue: %2 · ready to collect: %3</translation>
    </message>
    <message>
        <source>Renewing…</source>
        <translation>Renewing…</translation>
    </message>
    <message>
        <source>Renew</source>
        <translation>Renew</translation>
    </message>
    <message>
        <source>Renew %1</source>
        <translation>Renew %1</translation>
    </message>
    <message>
        <source>Due date not known: please ask at the desk.</source>
        <translation>Due date not known: please ask at the desk.</translation>
    </message>
    <message>
        <source>⚠ Overdue: it was due back %1</source>
        <translation>⚠ Overdue: it was due back %1</translation>
    </message>
    <message>
        <source>Someone else is waiting for it.</source>
        <translation>Someone else is waiting for it.</translation>
    </message>
    <message>
        <source>✓ Renewed: now due back %1</source>
        <translation>✓ Renewed: now due back %1</translation>
    </message>
    <message>
        <source>✓ Renewed.</source>
        <translation>✓ Renewed.</translation>
    </message>
    <message>
        <source>✗ Not renewed: %1</source>
        <translation>✗ Not renewed: %1</translation>
    </message>
    <message>
        <source>✓ Ready to collect at %1</source>
        <translation>✓ Ready to collect at %1</translation>
    </message>
    <message>
        <source>✓ Ready to collect at the hold shelf</source>
        <translation>✓ Ready to collect at the hold shelf</translation>
    </message>
    <message>
        <source>Not ready yet: we will let you know.</source>
        <translation>Not ready yet: we will let you know.</translation>
    </message>
    <message>
        <source>You owe nothing.</source>
        <translation>You owe nothing.</translation>
    </message>
    <message>
        <source>You owe %1.</source>
        <translation>You owe %1.</translation>
    </message>
    <message>
        <source>Above %1 you cannot borrow: please pay at the desk.</source>
        <translation>Above %1 you cannot borrow: please pay at the desk.</translation>
    </message>
    <message>
        <source>Please pay at the desk.</source>
        <translation>Please pay at the desk.</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>Hold the label level inside the green box</source>
        <translation>Hold the label level inside the green box</translation>
    </message>
</context>
<context>
    <name>CardEntry</name>
    <message>
        <source>Type your card number</source>
        <translation>Type your card number</translation>
    </message>
    <message>
        <source>It is printed under the barcode on your card.</source>
        <translation>It is printed under the barcode on your card.</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>I am still here</source>
        <translation>I am still here</translation>
    </message>
    <message>
        <source>Are you still there? The session closes in %1 s.</source>
        <translation>Are you still there? The session closes in %1 s.</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>due back %1</source>
        <translation>due back %1</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 s ago</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 h ago</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 days ago</translation>
    </message>
    <message>
        <source>working</source>
        <translation>working</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>degraded</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>disconnected</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>Patron asks for staff</source>
        <translation>Patron asks for staff</translation>
    </message>
    <message>
        <source>Security tag not switched</source>
        <translation>Security tag not switched</translation>
    </message>
    <message>
        <source>Printer out of paper</source>
        <translation>Printer out of paper</translation>
    </message>
    <message>
        <source>Sync conflict</source>
        <translation>Sync conflict</translation>
    </message>
    <message>
        <source>Device in error</source>
        <translation>Device in error</translation>
    </message>
    <message>
        <source>No devices configured.</source>
        <translation>No devices configured.</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <source>Last read at %1: %2</source>
        <translation>Last read at %1: %2</translation>
    </message>
    <message>
        <source>Raw bytes: %1</source>
        <translation>Raw bytes: %1</translation>
    </message>
    <message>
        <source>Nothing read yet.</source>
        <translation>Nothing read yet.</translation>
    </message>
    <message>
        <source>Counters: %1</source>
        <translation>Counters: %1</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconnect</translation>
    </message>
    <message>
        <source>Reconnect %1</source>
        <translation>Reconnect %1</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>Self test</source>
        <translation>Self test</translation>
    </message>
    <message>
        <source>%1 reconnected.</source>
        <translation>%1 reconnected.</translation>
    </message>
    <message>
        <source>%1 is still not working: %2</source>
        <translation>%1 is still not working: %2</translation>
    </message>
    <message>
        <source>Test page printed on %1.</source>
        <translation>Test page printed on %1.</translation>
    </message>
    <message>
        <source>Self test of %1 passed.</source>
        <translation>Self test of %1 passed.</translation>
    </message>
    <message>
        <source>Test print on %1 failed: %2</source>
        <translation>Test print on %1 failed: %2</translation>
    </message>
    <message>
        <source>Self test of %1 failed: %2</source>
        <translation>Self test of %1 failed: %2</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>Reachable</translation>
    </message>
    <message>
        <source>round trip %1 ms</source>
        <translation>round trip %1 ms</translation>
    </message>
    <message>
        <source>NOT reachable: working offline</source>
        <translation>NOT reachable: working offline</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Test loan of %1</source>
        <translation>Test loan of %1</translation>
    </message>
    <message>
        <source>Set [diagnostics] test_patron and test_item in the config to test a loan from here.</source>
        <translation>Set [diagnostics] test_patron and test_item in the config to test a loan from here.</translation>
    </message>
    <message>
        <source>The catalog answered in %1 ms.</source>
        <translation>The catalog answered in %1 ms.</translation>
    </message>
    <message>
        <source>The catalog does not answer: %1</source>
        <translation>The catalog does not answer: %1</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>Check out</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Check in</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FAILED</translation>
    </message>
    <message>
        <source>Test loan passed.</source>
        <translation>Test loan passed.</translation>
    </message>
    <message>
        <source>Test loan failed.</source>
        <translation>Test loan failed.</translation>
    </message>
    <message>
        <source>Entered by hand at the ILS</source>
        <translation>Entered by hand at the ILS</translation>
    </message>
    <message>
        <source>Item found on the shelf</source>
        <translation>Item found on the shelf</translation>
    </message>
    <message>
        <source>Patron contacted</source>
        <translation>Patron contacted</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Queued %1 · syncing %2 · conflicts %3 · done %4</source>
        <translation>Queued %1 · syncing %2 · conflicts %3 · done %4</translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation>Journal: %1</translation>
    </message>
    <message>
        <source>Nothing waiting: every transaction is at the catalog.</source>
        <translation>Nothing waiting: every transaction is at the catalog.</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>syncing</source>
        <translation>syncing</translation>
    </message>
    <message>
        <source>attempts %1</source>
        <translation>attempts %1</translation>
    </message>
    <message>
        <source>CONFLICT: %1 — %2</source>
        <translation>CONFLICT: %1 — %2</translation>
    </message>
    <message>
        <source>from %1; the catalog said: %2</source>
        <translation>from %1; the catalog said: %2</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>id %1</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <source>Resolve %1</source>
        <translation>Resolve %1</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>Loan</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>Renewal</translation>
    </message>
    <message>
        <source>What was done at the ILS? Pick a note or type one:</source>
        <translation>What was done at the ILS? Pick a note or type one:</translation>
    </message>
    <message>
        <source>Save and resolve</source>
        <translation>Save and resolve</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Synced %1, conflicts %2, still queued %3.</source>
        <translation>Synced %1, conflicts %2, still queued %3.</translation>
    </message>
    <message>
        <source>Conflict for %1 resolved; the note is kept in the journal.</source>
        <translation>Conflict for %1 resolved; the note is kept in the journal.</translation>
    </message>
    <message>
        <source>Write a note first: what was done at the ILS.</source>
        <translation>Write a note first: what was done at the ILS.</translation>
    </message>
    <message>
        <source>Not resolved: %1</source>
        <translation>Not resolved: %1</translation>
    </message>
    <message>
        <source>No open alerts.</source>
        <translation>No open alerts.</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <source>Acknowledge alert %1</source>
        <translation>Acknowledge alert %1</translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>Alert acknowledged.</translation>
    </message>
    <message>
        <source>That alert was already acknowledged.</source>
        <translation>That alert was already acknowledged.</translation>
    </message>
    <message>
        <source>Export to USB stick</source>
        <translation>Export to USB stick</translation>
    </message>
    <message>
        <source>Show newest</source>
        <translation>Show newest</translation>
    </message>
    <message>
        <source>Nothing logged yet.</source>
        <translation>Nothing logged yet.</translation>
    </message>
    <message>
        <source>Saved %1. You can take the stick out now.</source>
        <translation>Saved %1. You can take the stick out now.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Exit kiosk</translation>
    </message>
    <message>
        <source>Close the kiosk program? Patrons cannot borrow until it is started again.</source>
        <translation>Close the kiosk program? Patrons cannot borrow until it is started again.</translation>
    </message>
    <message>
        <source>Yes, exit</source>
        <translation>Yes, exit</translation>
    </message>
    <message>
        <source>No, stay</source>
        <translation>No, stay</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Sync queue</source>
        <translation>Sync queue</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalog</translation>
    </message>
</context>
<context>
    <name>Finish</name>
    <message>
        <source>Renewed: due back %1</source>
        <translation>Renewed: due back %1</translation>
    </message>
    <message>
        <source>Not renewed: %1</source>
        <translation>Not renewed: %1</translation>
    </message>
    <message>
        <source>Thank you! Items borrowed: %1</source>
        <translation>Thank you! Items borrowed: %1</translation>
    </message>
    <message>
        <source>Print a receipt</source>
        <translation>Print a receipt</translation>
    </message>
    <message>
        <source>Email a receipt</source>
        <translation>Email a receipt</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>To my phone</source>
        <translation>To my phone</translation>
    </message>
    <message>
        <source>Receipt to my phone</source>
        <translation>Receipt to my phone</translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation>No receipt</translation>
    </message>
    <message>
        <source>Getting your receipt ready…</source>
        <translation>Getting your receipt ready…</translation>
    </message>
    <message>
        <source>Would you like a receipt?</source>
        <translation>Would you like a receipt?</translation>
    </message>
    <message>
        <source>That did not work. Please choose again.</source>
        <translation>That did not work. Please choose again.</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>One moment…</translation>
    </message>
    <message>
        <source>Please take your receipt from the printer.</source>
        <translation>Please take your receipt from the printer.</translation>
    </message>
    <message>
        <source>Your receipt is on its way to your email.</source>
        <translation>Your receipt is on its way to your email.</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera: it adds the due dates to your calendar.</source>
        <translation>Scan this code with your phone&apos;s camera: it adds the due dates to your calendar.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Borrow</source>
        <translation>Borrow</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Working offline</source>
        <translation>Working offline</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>Call staff</translation>
    </message>
    <message>
        <source>Someone is coming to help you. Please wait here.</source>
        <translation>Someone is coming to help you. Please wait here.</translation>
    </message>
    <message>
        <source>A device is not working: please tell staff</source>
        <translation>A device is not working: please tell staff</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>How to use the kiosk</source>
        <translation>How to use the kiosk</translation>
    </message>
    <message>
        <source>Hold your library card under the scanner, or lay it on the pad.</source>
        <translation>Hold your library card under the scanner, or lay it on the pad.</translation>
    </message>
    <message>
        <source>Lay your books flat on the pad, one small stack at a time.</source>
        <translation>Lay your books flat on the pad, one small stack at a time.</translation>
    </message>
    <message>
        <source>Wait for the tick on the screen, then take your books.</source>
        <translation>Wait for the tick on the screen, then take your books.</translation>
    </message>
    <message>
        <source>Still stuck? Staff will come to you.</source>
        <translation>Still stuck? Staff will come to you.</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>Call staff</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Delete last digit</source>
        <translation>Delete last digit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Put it on the hold shelf</source>
        <translation>Put it on the hold shelf</translation>
    </message>
    <message>
        <source>Send it to %1</source>
        <translation>Send it to %1</translation>
    </message>
    <message>
        <source>Put it on the trolley for sorting</source>
        <translation>Put it on the trolley for sorting</translation>
    </message>
    <message>
        <source>Back to the shelf</source>
        <translation>Back to the shelf</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Part %1 of this set is missing. Please place all parts on the pad together.</source>
        <translation>Part %1 of this set is missing. Please place all parts on the pad together.</translation>
    </message>
    <message>
        <source>Returned.</source>
        <translation>Returned.</translation>
    </message>
    <message>
        <source>Waiting for part %1 of this set: please place it on the pad too.</source>
        <translation>Waiting for part %1 of this set: please place it on the pad too.</translation>
    </message>
    <message>
        <source>An item</source>
        <translation>An item</translation>
    </message>
    <message>
        <source>Due back %1</source>
        <translation>Due back %1</translation>
    </message>
    <message>
        <source>Done. Ask at the desk for the due date.</source>
        <translation>Done. Ask at the desk for the due date.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>(kiosk offline: the library confirms it later)</source>
        <translation>(kiosk offline: the library confirms it later)</translation>
    </message>
</context>
<context>
    <name>Pin</name>
    <message>
        <source>Enter your PIN</source>
        <translation>Enter your PIN</translation>
    </message>
    <message>
        <source>Cover the keypad with your other hand.</source>
        <translation>Cover the keypad with your other hand.</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>We do not know this card. Please ask at the desk.</source>
        <translation>We do not know this card. Please ask at the desk.</translation>
    </message>
    <message>
        <source>That PIN is not right. Please try again.</source>
        <translation>That PIN is not right. Please try again.</translation>
    </message>
    <message>
        <source>Please enter your PIN.</source>
        <translation>Please enter your PIN.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: this card is locked for a while. Please ask at the desk.</source>
        <translation>Too many wrong PINs: this card is locked for a while. Please ask at the desk.</translation>
    </message>
    <message>
        <source>The kiosk is offline and cannot check your PIN now. Please ask at the desk.</source>
        <translation>The kiosk is offline and cannot check your PIN now. Please ask at the desk.</translation>
    </message>
    <message>
        <source>Your account is blocked. Please ask at the desk.</source>
        <translation>Your account is blocked. Please ask at the desk.</translation>
    </message>
    <message>
        <source>You have fines to pay first. Please ask at the desk.</source>
        <translation>You have fines to pay first. Please ask at the desk.</translation>
    </message>
    <message>
        <source>Your card has expired. Please renew it at the desk.</source>
        <translation>Your card has expired. Please renew it at the desk.</translation>
    </message>
    <message>
        <source>We do not know this item. Please take it to the desk.</source>
        <translation>We do not know this item. Please take it to the desk.</translation>
    </message>
    <message>
        <source>This item is reserved for someone else. Please leave it at the desk.</source>
        <translation>This item is reserved for someone else. Please leave it at the desk.</translation>
    </message>
    <message>
        <source>This item cannot be borrowed. Please read it in the library.</source>
        <translation>This item cannot be borrowed. Please read it in the library.</translation>
    </message>
    <message>
        <source>You have borrowed as many items as you may.</source>
        <translation>You have borrowed as many items as you may.</translation>
    </message>
    <message>
        <source>You already have this item on loan.</source>
        <translation>You already have this item on loan.</translation>
    </message>
    <message>
        <source>This item is on loan to someone else. Please take it to the desk.</source>
        <translation>This item is on loan to someone else. Please take it to the desk.</translation>
    </message>
    <message>
        <source>This item is not on loan.</source>
        <translation>This item is not on loan.</translation>
    </message>
    <message>
        <source>This item cannot be renewed again. Please return it.</source>
        <translation>This item cannot be renewed again. Please return it.</translation>
    </message>
    <message>
        <source>The kiosk is offline and cannot lend more items now. Please ask at the desk.</source>
        <translation>The kiosk is offline and cannot lend more items now. Please ask at the desk.</translation>
    </message>
    <message>
        <source>The kiosk is offline. Please ask at the desk.</source>
        <translation>The kiosk is offline. Please ask at the desk.</translation>
    </message>
    <message>
        <source>Part of this set is missing. Please place all parts together.</source>
        <translation>Part of this set is missing. Please place all parts together.</translation>
    </message>
    <message>
        <source>This tag cannot be read. Please take the item to the desk.</source>
        <translation>This tag cannot be read. Please take the item to the desk.</translation>
    </message>
    <message>
        <source>Please take this item to the desk so staff can finish it.</source>
        <translation>Please take this item to the desk so staff can finish it.</translation>
    </message>
    <message>
        <source>Please scan your library card first.</source>
        <translation>Please scan your library card first.</translation>
    </message>
    <message>
        <source>This is not a library card or label. Please scan the barcode on the back of your card, or the library label on the item.</source>
        <translation>This is not a library card or label. Please scan the barcode on the back of your card, or the library label on the item.</translation>
    </message>
    <message>
        <source>That barcode did not read correctly. Please scan it again.</source>
        <translation>That barcode did not read correctly. Please scan it again.</translation>
    </message>
    <message>
        <source>The kiosk is offline and cannot renew now. Please try again later or ask at the desk.</source>
        <translation>The kiosk is offline and cannot renew now. Please try again later or ask at the desk.</translation>
    </message>
    <message>
        <source>The kiosk is offline, so it cannot show your loans, holds and fines now. You can still borrow; please ask at the desk about your account.</source>
        <translation>The kiosk is offline, so it cannot show your loans, holds and fines now. You can still borrow; please ask at the desk about your account.</translation>
    </message>
    <message>
        <source>The library did not renew this item. Please return it on time or ask at the desk.</source>
        <translation>The library did not renew this item. Please return it on time or ask at the desk.</translation>
    </message>
    <message>
        <source>This did not work. Please ask at the desk.</source>
        <translation>This did not work. Please ask at the desk.</translation>
    </message>
    <message>
        <source>You owe %1.</source>
        <translation>You owe %1.</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <source>HOLD SHELF</source>
        <translation>HOLD SHELF</translation>
    </message>
    <message>
        <source>TRANSIT TO %1</source>
        <translation>TRANSIT TO %1</translation>
    </message>
    <message>
        <source>TRANSIT</source>
        <translation>TRANSIT</translation>
    </message>
    <message>
        <source>STAFF ATTENTION</source>
        <translation>STAFF ATTENTION</translation>
    </message>
    <message>
        <source>BACK TO THE SHELF</source>
        <translation>BACK TO THE SHELF</translation>
    </message>
    <message>
        <source>Returned, but its security tag could not be set: staff check it.</source>
        <translation>Returned, but its security tag could not be set: staff check it.</translation>
    </message>
    <message>
        <source>It was not on loan.</source>
        <translation>It was not on loan.</translation>
    </message>
    <message>
        <source>Returned late. Fine: %1</source>
        <translation>Returned late. Fine: %1</translation>
    </message>
    <message>
        <source>Returned late.</source>
        <translation>Returned late.</translation>
    </message>
    <message>
        <source>Returned.</source>
        <translation>Returned.</translation>
    </message>
    <message>
        <source>Return items</source>
        <translation>Return items</translation>
    </message>
    <message>
        <source>Place items on the pad, or scan their barcodes.</source>
        <translation>Place items on the pad, or scan their barcodes.</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Clear the list</translation>
    </message>
    <message>
        <source>Items returned: %1</source>
        <translation>Items returned: %1</translation>
    </message>
    <message>
        <source>Slip printed: put it in the item.</source>
        <translation>Slip printed: put it in the item.</translation>
    </message>
    <message>
        <source>The slip could not be printed: write one by hand.</source>
        <translation>The slip could not be printed: write one by hand.</translation>
    </message>
    <message>
        <source>Bin %1</source>
        <translation>Bin %1</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Hello, %1</source>
        <translation>Hello, %1</translation>
    </message>
    <message>
        <source>Hello</source>
        <translation>Hello</translation>
    </message>
    <message>
        <source>Place your items on the pad, or scan their barcodes.</source>
        <translation>Place your items on the pad, or scan their barcodes.</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>My account</source>
        <translation>My account</translation>
    </message>
    <message>
        <source>Another library card was scanned. End this session and sign in with that card?</source>
        <translation>Another library card was scanned. End this session and sign in with that card?</translation>
    </message>
    <message>
        <source>Yes, switch</source>
        <translation>Yes, switch</translation>
    </message>
    <message>
        <source>No, continue</source>
        <translation>No, continue</translation>
    </message>
    <message>
        <source>Items borrowed: %1</source>
        <translation>Items borrowed: %1</translation>
    </message>
</context>
<context>
    <name>StaffPin</name>
    <message>
        <source>Staff only</source>
        <translation>Staff only</translation>
    </message>
    <message>
        <source>Enter the staff PIN to open diagnostics.</source>
        <translation>Enter the staff PIN to open diagnostics.</translation>
    </message>
</context>
<context>
    <name>Survey</name>
    <message>
        <source>Anonymous: your answers are not linked to your card, your name or your visit; only the hour is kept.</source>
        <translation>Anonymous: your answers are not linked to your card, your name or your visit; only the hour is kept.</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Help us improve our service</source>
        <translation>Help us improve our service</translation>
    </message>
    <message>
        <source>The public satisfaction survey: 13 short questions and a suggestion, about two minutes. Every question can be skipped.</source>
        <translation>The public satisfaction survey: 13 short questions and a suggestion, about two minutes. Every question can be skipped.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>No, thank you</source>
        <translation>No, thank you</translation>
    </message>
    <message>
        <source>End the survey</source>
        <translation>End the survey</translation>
    </message>
    <message>
        <source>Any suggestion for the library? (optional)</source>
        <translation>Any suggestion for the library? (optional)</translation>
    </message>
    <message>
        <source>Please do not write your name or card number.</source>
        <translation>Please do not write your name or card number.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>space</source>
        <translation>space</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Thank you!</translation>
    </message>
    <message>
        <source>Your answer helps us serve you better.</source>
        <translation>Your answer helps us serve you better.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Question %1 of %2</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome to the library</source>
        <translation>Welcome to the library</translation>
    </message>
    <message>
        <source>Scan your library card, or place it on the pad.</source>
        <translation>Scan your library card, or place it on the pad.</translation>
    </message>
    <message>
        <source>Then place your books on the pad, one stack at a time.</source>
        <translation>Then place your books on the pad, one stack at a time.</translation>
    </message>
    <message>
        <source>Type my card number</source>
        <translation>Type my card number</translation>
    </message>
</context>
</TS>
