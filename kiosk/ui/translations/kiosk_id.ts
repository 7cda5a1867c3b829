<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Account</name>
    <message>
        <source>My account</source>
        <translation>Akun saya</translation>
    </message>
    <message>
        <source>Back to my items</source>
        <translation>Kembali ke daftar pinjaman</translation>
    </message>
    <message>
        <source>Renew all</source>
        <translation>Perpanjang semua</translation>
    </message>
    <message>
        <source>Asking the library for your account…</source>
        <translation>Sedang mengambil data akun Anda dari perpustakaan…</translation>
    </message>
    <message>
        <source>On loan</source>
        <translation>Sedang dipinjam</translation>
    </message>
    <message>
        <source>Nothing on loan.</source>
        <translation>Tidak ada yang sedang dipinjam.</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>Pesanan</translation>
    </message>
    <message>
        <source>No holds.</source>
        <translation>Tidak ada pesanan.</translation>
    </message>
    <message>
        <source>Fines and fees</source>
        <translation>Denda dan biaya</translation>
    </message>
    <message>
        <source>On loan: %1 · overdue: %2 · ready to collect: %3</source>
        <translation>Dipinjam: %1 · terlambat: %2 · siap diambil: %3</translation>
    </message>
    <message>
        <source>Renewing…</source>
        <translation>Memperpanjang…</translation>
    </message>
    <message>
        <source>Renew</source>
        <translation>Perpanjang</translation>
    </message>
    <message>
        <source>Renew %1</source>
        <translation>Perpanjang %1</translation>
    </message>
    <message>
        <source>Due date not known: please ask at the desk.</source>
        <translation>Tanggal kembali tidak diketahui. Silakan tanya di meja layanan.</translation>
    </message>
    <message>
        <source>⚠ Overdue: it was due back %1</source>
        <translation>⚠ Terlambat: seharusnya kembali %1</translation>
    </message>
    <message>
        <source>Someone else is waiting for it.</source>
        <translation>Ada orang lain yang menunggu item ini.</translation>
    </message>
    <message>
        <source>✓ Renewed: now due back %1</source>
        <translation>✓ Diperpanjang: kembalikan paling lambat %1</translation>
    </message>
    <message>
        <source>✓ Renewed.</source>
        <translation>✓ Diperpanjang.</translation>
    </message>
    <message>
        <source>✗ Not renewed: %1</source>
        <translation>✗ Tidak diperpanjang: %1</translation>
    </message>
    <message>
        <source>✓ Ready to collect at %1</source>
        <translation>✓ Siap diambil di %1</translation>
    </message>
    <message>
        <source>✓ Ready to collect at the hold shelf</source>
        <translation>✓ Siap diambil di rak pesanan</translation>
    </message>
    <message>
        <source>Not ready yet: we will let you know.</source>
        <translation>Belum tersedia. Kami akan memberi tahu Anda.</translation>
    </message>
    <message>
        <source>You owe nothing.</source>
        <translation>Anda tidak punya denda.</translation>
    </message>
    <message>
        <source>You owe %1.</source>
        <translation>Denda Anda %1.</translation>
    </message>
    <message>
        <source>Above %1 you cannot borrow: please pay at the desk.</source>
        <translation>Jika lebih dari %1, Anda tidak dapat meminjam. Silakan bayar di meja layanan.</translation>
    </message>
    <message>
        <source>Please pay at the desk.</source>
        <translation>Silakan bayar di meja layanan.</translation>
    </message>
</context>
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
        <source>due back %1</source>
        <translation>kembali paling lambat %1</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnostik</translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation>%1 detik lalu</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>%1 menit lalu</translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation>%1 jam lalu</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>%1 hari lalu</translation>
    </message>
    <message>
        <source>working</source>
        <translation>berfungsi</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>terganggu</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>terputus</translation>
    </message>
    <message>
        <source>error</source>
        <translation>bermasalah</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>ditutup</translation>
    </message>
    <message>
        <source>Patron asks for staff</source>
        <translation>Pemustaka memanggil petugas</translation>
    </message>
    <message>
        <source>Security tag not switched</source>
        <translation>Pengaman tag gagal diubah</translation>
    </message>
    <message>
        <source>Printer out of paper</source>
        <translation>Kertas printer habis</translation>
    </message>
    <message>
        <source>Sync conflict</source>
        <translation>Konflik sinkronisasi</translation>
    </message>
    <message>
        <source>Device in error</source>
        <translation>Perangkat bermasalah</translation>
    </message>
    <message>
        <source>No devices configured.</source>
        <translation>Tidak ada perangkat yang diatur.</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Kondisi: %1</translation>
    </message>
    <message>
        <source>Last read at %1: %2</source>
        <translation>Terakhir terbaca pukul %1: %2</translation>
    </message>
    <message>
        <source>Raw bytes: %1</source>
        <translation>Data mentah: %1</translation>
    </message>
    <message>
        <source>Nothing read yet.</source>
        <translation>Belum ada yang terbaca.</translation>
    </message>
    <message>
        <source>Counters: %1</source>
        <translation>Penghitung: %1</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Sambungkan ulang</translation>
    </message>
    <message>
        <source>Reconnect %1</source>
        <translation>Sambungkan ulang %1</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Uji cetak</translation>
    </message>
    <message>
        <source>Self test</source>
        <translation>Uji perangkat</translation>
    </message>
    <message>
        <source>%1 reconnected.</source>
        <translation>%1 tersambung kembali.</translation>
    </message>
    <message>
        <source>%1 is still not working: %2</source>
        <translation>%1 masih belum berfungsi: %2</translation>
    </message>
    <message>
        <source>Test page printed on %1.</source>
        <translation>Halaman uji tercetak di %1.</translation>
    </message>
    <message>
        <source>Self test of %1 passed.</source>
        <translation>Uji %1 berhasil.</translation>
    </message>
    <message>
        <source>Test print on %1 failed: %2</source>
        <translation>Uji cetak di %1 gagal: %2</translation>
    </message>
    <message>
        <source>Self test of %1 failed: %2</source>
        <translation>Uji %1 gagal: %2</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>Terhubung</translation>
    </message>
    <message>
        <source>round trip %1 ms</source>
        <translation>waktu respons %1 ms</translation>
    </message>
    <message>
        <source>NOT reachable: working offline</source>
        <translation>TIDAK terhubung: kios bekerja luring</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Kesalahan terakhir: %1</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>Sinkron terakhir: %1</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Uji koneksi</translation>
    </message>
    <message>
        <source>Test loan of %1</source>
        <translation>Uji pinjam %1</translation>
    </message>
    <message>
        <source>Set [diagnostics] test_patron and test_item in the config to test a loan from here.</source>
        <translation>Isi test_patron dan test_item di bagian [diagnostics] berkas konfigurasi agar peminjaman bisa diuji dari sini.</translation>
    </message>
    <message>
        <source>The catalog answered in %1 ms.</source>
        <translation>Katalog menjawab dalam %1 ms.</translation>
    </message>
    <message>
        <source>The catalog does not answer: %1</source>
        <translation>Katalog tidak menjawab: %1</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation>Pinjam</translation>
    </message>
    <message>
        <source>Check in</source>
        <translation>Kembalikan</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>berhasil</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>GAGAL</translation>
    </message>
    <message>
        <source>Test loan passed.</source>
        <translation>Uji pinjam berhasil.</translation>
    </message>
    <message>
        <source>Test loan failed.</source>
        <translation>Uji pinjam gagal.</translation>
    </message>
    <message>
        <source>Entered by hand at the ILS</source>
        <translation>Dicatat manual di ILS</translation>
    </message>
    <message>
        <source>Item found on the shelf</source>
        <translation>Koleksi ditemukan di rak</translation>
    </message>
    <message>
        <source>Patron contacted</source>
        <translation>Pemustaka sudah dihubungi</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
        <source>Queued %1 · syncing %2 · conflicts %3 · done %4</source>
        <translation>Antre %1 · sedang dikirim %2 · konflik %3 · selesai %4</translation>
    </message>
    <message>
        <source>Journal: %1</source>
        <translation>Jurnal: %1</translation>
    </message>
    <message>
        <source>Nothing waiting: every transaction is at the catalog.</source>
        <translation>Tidak ada antrean: semua transaksi sudah sampai di katalog.</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>antre</translation>
    </message>
    <message>
        <source>syncing</source>
        <translation>sedang dikirim</translation>
    </message>
    <message>
        <source>attempts %1</source>
        <translation>dicoba %1 kali</translation>
    </message>
    <message>
        <source>CONFLICT: %1 — %2</source>
        <translation>KONFLIK: %1 — %2</translation>
    </message>
    <message>
        <source>from %1; the catalog said: %2</source>
        <translation>dari %1; jawaban katalog: %2</translation>
    </message>
    <message>
        <source>id %1</source>
        <translation>id %1</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Selesaikan</translation>
    </message>
    <message>
        <source>Resolve %1</source>
        <translation>Selesaikan %1</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>Peminjaman</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Pengembalian</translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation>Perpanjangan</translation>
    </message>
    <message>
        <source>What was done at the ILS? Pick a note or type one:</source>
        <translation>Apa yang sudah dilakukan di ILS? Pilih catatan atau ketik sendiri:</translation>
    </message>
    <message>
        <source>Save and resolve</source>
        <translation>Simpan dan selesaikan</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Synced %1, conflicts %2, still queued %3.</source>
        <translation>Terkirim %1, konflik %2, masih antre %3.</translation>
    </message>
    <message>
        <source>Conflict for %1 resolved; the note is kept in the journal.</source>
        <translation>Konflik %1 selesai; catatannya disimpan di jurnal.</translation>
    </message>
    <message>
        <source>Write a note first: what was done at the ILS.</source>
        <translation>Tulis catatan dulu: apa yang sudah dilakukan di ILS.</translation>
    </message>
    <message>
        <source>Not resolved: %1</source>
        <translation>Belum selesai: %1</translation>
    </message>
    <message>
        <source>No open alerts.</source>
        <translation>Tidak ada peringatan.</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Tandai sudah dilihat</translation>
    </message>
    <message>
        <source>Acknowledge alert %1</source>
        <translation>Tandai peringatan %1 sudah dilihat</translation>
    </message>
    <message>
        <source>Alert acknowledged.</source>
        <translation>Peringatan ditandai sudah dilihat.</translation>
    </message>
    <message>
        <source>That alert was already acknowledged.</source>
        <translation>Peringatan itu sudah ditandai sebelumnya.</translation>
    </message>
    <message>
        <source>Export to USB stick</source>
        <translation>Simpan ke flashdisk</translation>
    </message>
    <message>
        <source>Show newest</source>
        <translation>Tampilkan terbaru</translation>
    </message>
    <message>
        <source>Nothing logged yet.</source>
        <translation>Belum ada catatan log.</translation>
    </message>
    <message>
        <source>Saved %1. You can take the stick out now.</source>
        <translation>Tersimpan: %1. Flashdisk sudah boleh dicabut.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Gagal menyimpan: %1</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Tutup aplikasi kios</translation>
    </message>
    <message>
        <source>Close the kiosk program? Patrons cannot borrow until it is started again.</source>
        <translation>Tutup program kios? Pemustaka tidak bisa meminjam sampai kios dijalankan lagi.</translation>
    </message>
    <message>
        <source>Yes, exit</source>
        <translation>Ya, keluar</translation>
    </message>
    <message>
        <source>No, stay</source>
        <translation>Tidak, tetap di sini</translation>
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
        <source>Sync queue</source>
        <translation>Antrean sinkron</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
</context>
<context>
    <name>Finish</name>
    <message>
        <source>Renewed: due back %1</source>
        <translation>Diperpanjang: kembalikan paling lambat %1</translation>
    </message>
    <message>
        <source>Not renewed: %1</source>
        <translation>Tidak diperpanjang: %1</translation>
    </message>
    <message>
        <source>Thank you! Items borrowed: %1</source>
        <translation>Terima kasih! Jumlah item yang dipinjam: %1</translation>
    </message>
    <message>
        <source>Print a receipt</source>
        <translation>Cetak struk</translation>
    </message>
    <message>
        <source>Email a receipt</source>
        <translation>Kirim struk ke email</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Cetak</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>To my phone</source>
        <translation>Ke ponsel saya</translation>
    </message>
    <message>
        <source>Receipt to my phone</source>
        <translation>Struk ke ponsel saya</translation>
    </message>
    <message>
        <source>No receipt</source>
        <translation>Tanpa struk</translation>
    </message>
    <message>
        <source>Getting your receipt ready…</source>
        <translation>Sedang menyiapkan struk Anda…</translation>
    </message>
    <message>
        <source>Would you like a receipt?</source>
        <translation>Apakah Anda ingin struk?</translation>
    </message>
    <message>
        <source>That did not work. Please choose again.</source>
        <translation>Tidak berhasil. Silakan pilih lagi.</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>Sebentar…</translation>
    </message>
    <message>
        <source>Please take your receipt from the printer.</source>
        <translation>Silakan ambil struk Anda di printer.</translation>
    </message>
    <message>
        <source>Your receipt is on its way to your email.</source>
        <translation>Struk sedang dikirim ke email Anda.</translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera: it adds the due dates to your calendar.</source>
        <translation>Pindai kode ini dengan kamera ponsel Anda untuk menambahkan tanggal kembali ke kalender.</translation>
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
        <source>Waiting for part %1 of this set: please place it on the pad too.</source>
        <translation>Menunggu bagian %1 dari set ini. Silakan letakkan juga di atas pad.</translation>
    </message>
    <message>
        <source>An item</source>
        <translation>Satu item</translation>
    </message>
    <message>
        <source>Due back %1</source>
        <translation>Kembalikan paling lambat %1</translation>
    </message>
    <message>
        <source>Done. Ask at the desk for the due date.</source>
        <translation>Selesai. Tanyakan tanggal kembalinya di meja layanan.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Selesai.</translation>
    </message>
    <message>
        <source>(kiosk offline: the library confirms it later)</source>
        <translation>(kios luring: perpustakaan akan mengonfirmasinya nanti)</translation>
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
        <source>Too many wrong PINs: this card is locked for a while. Please ask at the desk.</source>
        <translation>PIN salah terlalu sering, jadi kartu ini dikunci untuk sementara. Silakan ke meja layanan.</translation>
    </message>
    <message>
        <source>The kiosk is offline and cannot check your PIN now. Please ask at the desk.</source>
        <translation>Kios sedang luring dan belum bisa memeriksa PIN Anda. Silakan ke meja layanan.</translation>
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
        <source>The kiosk is offline and cannot renew now. Please try again later or ask at the desk.</source>
        <translation>Kios sedang luring dan tidak dapat memperpanjang sekarang. Silakan coba lagi nanti atau tanya di meja layanan.</translation>
    </message>
    <message>
        <source>The kiosk is offline, so it cannot show your loans, holds and fines now. You can still borrow; please ask at the desk about your account.</source>
        <translation>Kios sedang luring, jadi pinjaman, pesanan, dan denda Anda tidak dapat ditampilkan sekarang. Anda tetap dapat meminjam; tanyakan akun Anda di meja layanan.</translation>
    </message>
    <message>
        <source>The library did not renew this item. Please return it on time or ask at the desk.</source>
        <translation>Perpustakaan tidak memperpanjang item ini. Silakan kembalikan tepat waktu atau tanya di meja layanan.</translation>
    </message>
    <message>
        <source>This did not work. Please ask at the desk.</source>
        <translation>Maaf, ini tidak berhasil. Silakan bertanya di meja layanan.</translation>
    </message>
    <message>
        <source>You owe %1.</source>
        <translation>Denda Anda %1.</translation>
    </message>
</context>
<context>
    <name>Returns</name>
    <message>
        <source>HOLD SHELF</source>
        <translation>RAK PESANAN</translation>
    </message>
    <message>
        <source>TRANSIT TO %1</source>
        <translation>KIRIM KE %1</translation>
    </message>
    <message>
        <source>TRANSIT</source>
        <translation>KIRIM KE CABANG LAIN</translation>
    </message>
    <message>
        <source>STAFF ATTENTION</source>
        <translation>PERLU PETUGAS</translation>
    </message>
    <message>
        <source>BACK TO THE SHELF</source>
        <translation>KEMBALI KE RAK</translation>
    </message>
    <message>
        <source>Returned, but its security tag could not be set: staff check it.</source>
        <translation>Sudah dikembalikan, tetapi tag keamanannya gagal diatur. Petugas perlu memeriksanya.</translation>
    </message>
    <message>
        <source>It was not on loan.</source>
        <translation>Item ini tidak sedang dipinjam.</translation>
    </message>
    <message>
        <source>Returned late. Fine: %1</source>
        <translation>Dikembalikan terlambat. Denda: %1</translation>
    </message>
    <message>
        <source>Returned late.</source>
        <translation>Dikembalikan terlambat.</translation>
    </message>
    <message>
        <source>Returned.</source>
        <translation>Sudah dikembalikan.</translation>
    </message>
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
    <message>
        <source>Slip printed: put it in the item.</source>
        <translation>Slip dicetak: selipkan di dalam item.</translation>
    </message>
    <message>
        <source>The slip could not be printed: write one by hand.</source>
        <translation>Slip tidak dapat dicetak: tulis slip dengan tangan.</translation>
    </message>
    <message>
        <source>Bin %1</source>
        <translation>Kotak %1</translation>
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
        <source>My account</source>
        <translation>Akun saya</translation>
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
