-- The least-privilege database user of `kiosk ils-bridge` on an INLISLite v3.2 database:
-- exactly the tables (and, for members, membersonline, users and bookinglogs, the columns)
-- the inlislite backend reads and writes. Replace inlislite with the library's database name
-- and choose a password; run as the database administrator, e.g.
--   mariadb -u root < inlislite-grants.sql
-- (tests/integration/test_bridge_inlislite_grants.py runs the bridge through a user made with these lines).
CREATE USER IF NOT EXISTS 'kiosk_bridge'@'localhost' IDENTIFIED BY 'ganti-kata-sandi-ini';
GRANT SELECT (ID, MemberNo, Fullname, Email, EndDate, StatusAnggota_id, JenisAnggota_id) ON inlislite.members TO 'kiosk_bridge'@'localhost';
GRANT SELECT (ID, NoAnggota, Password, Status) ON inlislite.membersonline TO 'kiosk_bridge'@'localhost';
GRANT SELECT (ID, username) ON inlislite.users TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.jenis_anggota TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.worksheets TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.catalogs TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.locations TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.location_library TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.settingparameters TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.holidays TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.peraturan_peminjaman_hari TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.peraturan_peminjaman_tanggal TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.memberloanauthorizecategory TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.jenis_pelanggaran TO 'kiosk_bridge'@'localhost';
GRANT SELECT ON inlislite.jenis_denda TO 'kiosk_bridge'@'localhost';
GRANT SELECT, UPDATE ON inlislite.collections TO 'kiosk_bridge'@'localhost';
GRANT SELECT (collectionId), UPDATE (bookingExpired) ON inlislite.bookinglogs TO 'kiosk_bridge'@'localhost';
GRANT SELECT, INSERT, DELETE ON inlislite.collectionloans TO 'kiosk_bridge'@'localhost';
GRANT SELECT, INSERT, UPDATE ON inlislite.collectionloanitems TO 'kiosk_bridge'@'localhost';
GRANT SELECT, INSERT ON inlislite.collectionloanextends TO 'kiosk_bridge'@'localhost';
GRANT SELECT, INSERT ON inlislite.pelanggaran TO 'kiosk_bridge'@'localhost';
GRANT CREATE, SELECT, INSERT, DELETE ON inlislite.kiosk_bridge_intent TO 'kiosk_bridge'@'localhost';
