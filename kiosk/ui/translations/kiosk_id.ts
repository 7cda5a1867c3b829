<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Camera</name>
    <message>
        <source>Hold the label level inside the green box</source>
        <translation>Pegang label lurus di dalam kotak hijau</translation>
    </message>
</context>
<context>
    <name>CardEntry</name>
    <message>
        <source>Type your card number</source>
        <translation>Ketik nomor kartu Anda</translation>
    </message>
    <message>
        <source>It is printed under the barcode on your card.</source>
        <translation>Nomor ini tercetak di bawah barcode pada kartu Anda.</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>I am still here</source>
        <translation>Saya masih di sini</translation>
    </message>
    <message>
        <source>Are you still there? The session closes in %1 s.</source>
        <translation>Apakah Anda masih di sini? Sesi akan ditutup dalam %1 detik.</translation>
    </message>
</context>
<context>
    <name>Diagnostics</name>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostik</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Muat ulang</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Tutup aplikasi kios</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Perangkat</translation>
    </message>
    <message>
        <source>online</source>
        <translation>daring</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>LURING</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Jurnal</translation>
    </message>
    <message>
        <source>Alerts for staff</source>
        <translation>Peringatan untuk petugas</translation>
    </message>
</context>
<context>
    <name>Finish</name>
    <message>
        <source>Thank you! Items borrowed: %1</source>
        <translation>Terima kasih! Jumlah item yang dipinjam: %1</translation>
    </message>
    <message>
        <source>Please take your receipt.</source>
        <translation>Silakan ambil struk Anda.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Borrow</source>
        <translation>Peminjaman</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Pengembalian</translation>
    </message>
    <message>
        <source>Working offline</source>
        <translation>Mode luring</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>Teks besar</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Bantuan</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>Panggil petugas</translation>
    </message>
    <message>
        <source>Someone is coming to help you. Please wait here.</source>
        <translation>Petugas segera datang membantu Anda. Mohon tunggu di sini.</translation>
    </message>
    <message>
        <source>A device is not working: please tell staff</source>
        <translation>Ada perangkat yang tidak berfungsi. Mohon beri tahu petugas.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>How to use the kiosk</source>
        <translation>Cara menggunakan kios</translation>
    </message>
    <message>
        <source>Hold your library card under the scanner, or lay it on the pad.</source>
        <translation>Dekatkan kartu perpustakaan Anda ke pemindai barcode, atau letakkan di atas papan pemindai.</translation>
    </message>
    <message>
        <source>Lay your books flat on the pad, one small stack at a time.</source>
        <translation>Letakkan buku Anda mendatar di atas papan pemindai, satu tumpukan kecil sekaligus.</translation>
    </message>
    <message>
        <source>Wait for the tick on the screen, then take your books.</source>
        <translation>Tunggu tanda centang di layar, lalu ambil buku Anda.</translation>
    </message>
    <message>
        <source>Still stuck? Staff will come to you.</source>
        <translation>Masih bingung? Petugas akan datang membantu Anda.</translation>
    </message>
    <message>
        <source>Call staff</source>
        <translation>Panggil petugas</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Kembali</translation>
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
        <translation>Hapus angka terakhir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>Put it on the hold shelf</source>
        <translation>Letakkan di rak pesanan</translation>
    </message>
    <message>
        <source>Send it to %1</source>
        <translation>Kirim ke %1</translation>
    </message>
    <message>
        <source>Put it on the trolley for sorting</source>
        <translation>Letakkan di troli untuk dipilah</translation>
    </message>
    <message>
        <source>Back to the shelf</source>
        <translation>Kembalikan ke rak</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Sedang diperiksa…</translation>
    </message>
    <message>
        <source>Part %1 of this set is missing. Please place all parts on the pad together.</source>
        <translation>Bagian %1 dari set ini tidak ada. Letakkan semua bagiannya bersamaan di atas papan pemindai.</translation>
    </message>
    <message>
        <source>Returned.</source>
        <translation>Berhasil dikembalikan.</translation>
    </message>
    <message>
        <source>Due back %1</source>
        <translation>Kembalikan paling lambat %1</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Selesai.</translation>
    </message>
    <message>
        <source>(kiosk offline: the library confirms it later)</source>
        <translation>(kios luring: perpustakaan akan mengonfirmasinya nanti)</translation>
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
        <translation>Masukkan PIN Anda</translation>
    </message>
    <message>
        <source>Cover the keypad with your other hand.</source>
        <translation>Tutupi tombol angka dengan tangan Anda yang lain.</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>We do not know this card. Please ask at the desk.</source>
        <translation>Kartu ini tidak terdaftar. Silakan bertanya di meja layanan.</translation>
    </message>
    <message>
        <source>That PIN is not right. Please try again.</source>
        <translation>PIN salah. Silakan coba lagi.</translation>
    </message>
    <message>
        <source>Please enter your PIN.</source>
        <translation>Silakan masukkan PIN Anda.</translation>
    </message>
    <message>
        <source>Your account is blocked. Please ask at the desk.</source>
        <translation>Akun Anda diblokir. Silakan bertanya di meja layanan.</translation>
    </message>
    <message>
        <source>You have fines to pay first. Please ask at the desk.</source>
        <translation>Anda harus membayar denda terlebih dahulu. Silakan ke meja layanan.</translation>
    </message>
    <message>
        <source>Your card has expired. Please renew it at the desk.</source>
        <translation>Kartu Anda sudah kedaluwarsa. Silakan perpanjang di meja layanan.</translation>
    </message>
    <message>
        <source>We do not know this item. Please take it to the desk.</source>
        <translation>Item ini tidak dikenal. Silakan bawa ke meja layanan.</translation>
    </message>
    <message>
        <source>This item is reserved for someone else. Please leave it at the desk.</source>
        <translation>Item ini dipesan untuk orang lain. Silakan tinggalkan di meja layanan.</translation>
    </message>
    <message>
        <source>This item cannot be borrowed. Please read it in the library.</source>
        <translation>Item ini tidak untuk dipinjam. Silakan baca di tempat.</translation>
    </message>
    <message>
        <source>You have borrowed as many items as you may.</source>
        <translation>Anda sudah mencapai batas jumlah pinjaman.</translation>
    </message>
    <message>
        <source>You already have this item on loan.</source>
        <translation>Item ini sudah Anda pinjam.</translation>
    </message>
    <message>
        <source>This item is on loan to someone else. Please take it to the desk.</source>
        <translation>Item ini sedang dipinjam orang lain. Silakan bawa ke meja layanan.</translation>
    </message>
    <message>
        <source>This item is not on loan.</source>
        <translation>Item ini tidak tercatat sedang dipinjam.</translation>
    </message>
    <message>
        <source>This item cannot be renewed again. Please return it.</source>
        <translation>Item ini tidak dapat diperpanjang lagi. Silakan kembalikan.</translation>
    </message>
    <message>
        <source>The kiosk is offline and cannot lend more items now. Please ask at the desk.</source>
        <translation>Kios sedang luring dan untuk sementara tidak dapat meminjamkan item lagi. Silakan ke meja layanan.</translation>
    </message>
    <message>
        <source>The kiosk is offline. Please ask at the desk.</source>
        <translation>Kios sedang luring. Silakan ke meja layanan.</translation>
    </message>
    <message>
        <source>Part of this set is missing. Please place all parts together.</source>
        <translation>Ada bagian dari set ini yang belum ada. Letakkan semua bagiannya bersamaan.</translation>
    </message>
    <message>
        <source>This tag cannot be read. Please take the item to the desk.</source>
        <translation>Tag ini tidak dapat dibaca. Silakan bawa item ke meja layanan.</translation>
    </message>
    <message>
        <source>Please take this item to the desk so staff can finish it.</source>
        <translation>Silakan bawa item ini ke meja layanan agar petugas menyelesaikannya.</translation>
    </message>
    <message>
        <source>Please scan your library card first.</source>
        <translation>Silakan pindai kartu perpustakaan Anda terlebih dahulu.</translation>
    </message>
    <message>
        <source>This is not a library card or label. Please scan the barcode on the back of your card, or the library label on the item.</source>
        <translation>Ini bukan kartu atau label perpustakaan. Silakan pindai barcode di balik kartu Anda, atau label perpustakaan pada item.</translation>
    </message>
    <message>
        <source>That barcode did not read correctly. Please scan it again.</source>
        <translation>Barcode tidak terbaca dengan benar. Silakan pindai lagi.</translation>
    </message>
    <message>
        <source>This did not work. Please ask at the desk.</source>
        <translation>Maaf, ini tidak berhasil. Silakan bertanya di meja layanan.</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <source>Return items</source>
        <translation>Kembalikan item</translation>
    </message>
    <message>
        <source>Place items on the pad, or scan their barcodes.</source>
        <translation>Letakkan item di atas papan pemindai, atau pindai barcode-nya.</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Kosongkan daftar</translation>
    </message>
    <message>
        <source>Items returned: %1</source>
        <translation>Jumlah item dikembalikan: %1</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Hello, %1</source>
        <translation>Halo, %1</translation>
    </message>
    <message>
        <source>Hello</source>
        <translation>Halo</translation>
    </message>
    <message>
        <source>Place your items on the pad, or scan their barcodes.</source>
        <translation>Letakkan item Anda di atas papan pemindai, atau pindai barcode-nya.</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Another library card was scanned. End this session and sign in with that card?</source>
        <translation>Kartu perpustakaan lain dipindai. Akhiri sesi ini dan masuk dengan kartu tersebut?</translation>
    </message>
    <message>
        <source>Yes, switch</source>
        <translation>Ya, ganti</translation>
    </message>
    <message>
        <source>No, continue</source>
        <translation>Tidak, lanjutkan</translation>
    </message>
    <message>
        <source>Items borrowed: %1</source>
        <translation>Jumlah item dipinjam: %1</translation>
    </message>
</context>
<context>
    <name>StaffPin</name>
    <message>
        <source>Staff only</source>
        <translation>Khusus petugas</translation>
    </message>
    <message>
        <source>Enter the staff PIN to open diagnostics.</source>
        <translation>Masukkan PIN petugas untuk membuka diagnostik.</translation>
    </message>
</context>
<context>
    <name>Survey</name>
    <message>
        <source>Anonymous: your answers are not linked to your card, your name or your visit; only the hour is kept.</source>
        <translation>Anonim: jawaban Anda tidak dikaitkan dengan kartu, nama, atau kunjungan Anda; hanya jamnya yang dicatat.</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Lewati</translation>
    </message>
    <message>
        <source>Help us improve our service</source>
        <translation>Bantu kami meningkatkan layanan</translation>
    </message>
    <message>
        <source>The public satisfaction survey: 13 short questions and a suggestion, about two minutes. Every question can be skipped.</source>
        <translation>Survei Kepuasan Masyarakat: 13 pertanyaan singkat dan satu saran, sekitar dua menit. Setiap pertanyaan boleh dilewati.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Mulai</translation>
    </message>
    <message>
        <source>No, thank you</source>
        <translation>Tidak, terima kasih</translation>
    </message>
    <message>
        <source>End the survey</source>
        <translation>Akhiri survei</translation>
    </message>
    <message>
        <source>Any suggestion for the library? (optional)</source>
        <translation>Ada saran untuk perpustakaan? (boleh dikosongkan)</translation>
    </message>
    <message>
        <source>Please do not write your name or card number.</source>
        <translation>Mohon jangan menulis nama atau nomor kartu Anda.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Kirim</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Huruf besar</translation>
    </message>
    <message>
        <source>space</source>
        <translation>spasi</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Terima kasih!</translation>
    </message>
    <message>
        <source>Your answer helps us serve you better.</source>
        <translation>Jawaban Anda membantu kami melayani Anda dengan lebih baik.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>Pertanyaan %1 dari %2</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>Welcome to the library</source>
        <translation>Selamat datang di perpustakaan</translation>
    </message>
    <message>
        <source>Scan your library card, or place it on the pad.</source>
        <translation>Pindai kartu perpustakaan Anda, atau letakkan di atas papan pemindai.</translation>
    </message>
    <message>
        <source>Then place your books on the pad, one stack at a time.</source>
        <translation>Lalu letakkan buku Anda di atas papan pemindai, satu tumpukan sekaligus.</translation>
    </message>
    <message>
        <source>Type my card number</source>
        <translation>Ketik nomor kartu saya</translation>
    </message>
</context>
</TS>
