<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
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
        <source>Diagnostics</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Exit kiosk</translation>
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
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>OFFLINE</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catalog</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Alerts for staff</source>
        <translation>Alerts for staff</translation>
    </message>
</context>
<context>
    <name>Finish</name>
    <message>
        <source>Thank you! Items borrowed: %1</source>
        <translation>Thank you! Items borrowed: %1</translation>
    </message>
    <message>
        <source>Please take your receipt.</source>
        <translation>Please take your receipt.</translation>
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
        <source>Due back %1</source>
        <translation>Due back %1</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>(kiosk offline: the library confirms it later)</source>
        <translation>(kiosk offline: the library confirms it later)</translation>
    </message>
    <message>
        <source>Item %1</source>
        <translation>Item %1</translation>
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
        <source>This did not work. Please ask at the desk.</source>
        <translation>This did not work. Please ask at the desk.</translation>
    </message>
</context>
<context>
    <name>Returns</name>
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
