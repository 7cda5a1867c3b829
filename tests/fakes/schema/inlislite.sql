-- The INLISLite v3.2 (Yii2) tables the bridge reads and writes, with the
-- columns of INLISLite's own models (common/models/base/*.php: the @property
-- list each model declares from the table) and the columns its circulation
-- SQL selects (DendaType, SuspendType... of jenis_anggota in the violation
-- form). InnoDB, utf8, dates as DATETIME as INLISLite stores them. Only these
-- tables and, of each, the columns the bridge or its tests touch plus the audit
-- columns (CreateBy/CreateDate/CreateTerminal/Update*) every INLISLite table has.

CREATE TABLE users (
  ID int(11) NOT NULL AUTO_INCREMENT,
  username varchar(255) NOT NULL,
  Fullname varchar(255) DEFAULT NULL,
  password varchar(255) DEFAULT NULL,
  PRIMARY KEY (ID),
  UNIQUE KEY username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE location_library (
  ID int(11) NOT NULL AUTO_INCREMENT,
  Code varchar(50) NOT NULL,
  Name varchar(255) NOT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE settingparameters (
  ID int(11) NOT NULL AUTO_INCREMENT,
  Name varchar(255) NOT NULL,
  Value text,
  PRIMARY KEY (ID),
  UNIQUE KEY Name (Name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE jenis_anggota (
  id int(11) NOT NULL AUTO_INCREMENT,
  jenisanggota varchar(255) NOT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  BiayaPendaftaran decimal(10,0) DEFAULT NULL,
  BiayaPerpanjangan decimal(10,0) DEFAULT NULL,
  MaxPinjamKoleksi int(11) DEFAULT NULL,
  MaxLoanDays int(11) DEFAULT NULL,
  DendaType varchar(45) DEFAULT NULL,
  DendaTenorJumlah int(11) DEFAULT NULL,
  DendaTenorSatuan varchar(45) DEFAULT NULL,
  DendaPerTenor decimal(10,0) DEFAULT NULL,
  DendaTenorMultiply int(11) DEFAULT NULL,
  SuspendMember tinyint(1) DEFAULT NULL,
  WarningLoanDueDay int(11) DEFAULT NULL,
  SuspendType varchar(45) DEFAULT NULL,
  SuspendTenorJumlah int(11) DEFAULT NULL,
  SuspendTenorSatuan varchar(45) DEFAULT NULL,
  DaySuspend int(11) DEFAULT NULL,
  SuspendTenorMultiply int(11) DEFAULT NULL,
  DayPerpanjang int(11) DEFAULT NULL,
  CountPerpanjang int(11) DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE members (
  ID double NOT NULL AUTO_INCREMENT,
  MemberNo varchar(50) NOT NULL,
  Fullname varchar(255) NOT NULL,
  Address text,
  Phone varchar(50) DEFAULT NULL,
  RegisterDate datetime DEFAULT NULL,
  EndDate datetime DEFAULT NULL,
  Email varchar(100) DEFAULT NULL,
  JenisAnggota_id int(11) DEFAULT NULL,
  StatusAnggota_id int(11) DEFAULT NULL,
  LoanReturnLateCount int(11) DEFAULT NULL,
  Branch_id int(11) DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID),
  UNIQUE KEY MemberNo (MemberNo),
  KEY JenisAnggota_id (JenisAnggota_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE membersonline (
  ID int(11) NOT NULL AUTO_INCREMENT,
  NoAnggota varchar(50) NOT NULL,
  NickName varchar(100) DEFAULT NULL,
  Password varchar(100) DEFAULT NULL,
  Email varchar(100) DEFAULT NULL,
  Status varchar(100) DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID),
  KEY NoAnggota (NoAnggota)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE memberloanauthorizecategory (
  ID int(11) NOT NULL AUTO_INCREMENT,
  Member_id double NOT NULL,
  CategoryLoan_id int(11) NOT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID),
  KEY Member_id (Member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE worksheets (
  ID int(11) NOT NULL AUTO_INCREMENT,
  Name varchar(255) NOT NULL,
  MaxPinjamKoleksi int(11) DEFAULT NULL,
  MaxLoanDays int(11) DEFAULT NULL,
  DendaType varchar(45) DEFAULT NULL,
  DendaTenorJumlah int(11) DEFAULT NULL,
  DendaTenorSatuan varchar(45) DEFAULT NULL,
  DendaPerTenor decimal(10,0) DEFAULT NULL,
  DendaTenorMultiply int(11) DEFAULT NULL,
  SuspendMember tinyint(1) DEFAULT NULL,
  WarningLoanDueDay int(11) DEFAULT NULL,
  SuspendType varchar(45) DEFAULT NULL,
  SuspendTenorJumlah int(11) DEFAULT NULL,
  SuspendTenorSatuan varchar(45) DEFAULT NULL,
  DaySuspend int(11) DEFAULT NULL,
  SuspendTenorMultiply int(11) DEFAULT NULL,
  DayPerpanjang int(11) DEFAULT NULL,
  CountPerpanjang int(11) DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE catalogs (
  ID double NOT NULL AUTO_INCREMENT,
  Title text,
  Author varchar(500) DEFAULT NULL,
  Publisher varchar(255) DEFAULT NULL,
  Worksheet_id int(11) DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE locations (
  ID int(11) NOT NULL AUTO_INCREMENT,
  Code varchar(50) DEFAULT NULL,
  Name varchar(255) NOT NULL,
  LocationLibrary_id int(11) DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE collections (
  ID double NOT NULL AUTO_INCREMENT,
  NomorBarcode varchar(50) NOT NULL,
  NoInduk varchar(50) DEFAULT NULL,
  RFID varchar(100) DEFAULT NULL,
  CallNumber varchar(255) DEFAULT NULL,
  Catalog_id double DEFAULT NULL,
  Location_id int(11) DEFAULT NULL,
  Rule_id int(11) DEFAULT NULL,
  Category_id int(11) DEFAULT NULL,
  Status_id int(11) DEFAULT NULL,
  Location_Library_id int(11) DEFAULT NULL,
  JumlahEksemplar int(11) DEFAULT NULL,
  IsVerified tinyint(1) DEFAULT NULL,
  BookingMemberID varchar(50) DEFAULT NULL,
  BookingExpiredDate datetime DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID),
  UNIQUE KEY NomorBarcode (NomorBarcode)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE bookinglogs (
  id int(11) NOT NULL AUTO_INCREMENT,
  memberId varchar(50) DEFAULT NULL,
  collectionId double DEFAULT NULL,
  bookingDate datetime DEFAULT NULL,
  bookingExpired datetime DEFAULT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE collectionloans (
  ID varchar(255) NOT NULL,
  CollectionCount int(11) DEFAULT NULL,
  LateCount int(11) DEFAULT NULL,
  ExtendCount int(11) DEFAULT NULL,
  LoanCount int(11) DEFAULT NULL,
  ReturnCount int(11) DEFAULT NULL,
  Member_id double DEFAULT NULL,
  LocationLibrary_id int(11) DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID),
  KEY Member_id (Member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE collectionloanitems (
  ID double NOT NULL AUTO_INCREMENT,
  CollectionLoan_id varchar(255) NOT NULL,
  LoanDate datetime DEFAULT NULL,
  DueDate datetime DEFAULT NULL,
  ActualReturn datetime DEFAULT NULL,
  LateDays int(11) DEFAULT NULL,
  LoanStatus varchar(45) DEFAULT NULL,
  Collection_id double DEFAULT NULL,
  member_id double DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID),
  KEY CollectionLoan_id (CollectionLoan_id),
  KEY Collection_id (Collection_id),
  KEY member_id (member_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE collectionloanextends (
  id double NOT NULL AUTO_INCREMENT,
  CollectionLoan_id varchar(255) DEFAULT NULL,
  CollectionLoanItem_id double DEFAULT NULL,
  Collection_id double DEFAULT NULL,
  Member_id double DEFAULT NULL,
  DateExtend datetime DEFAULT NULL,
  DueDateExtend datetime DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (id),
  KEY CollectionLoanItem_id (CollectionLoanItem_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE jenis_pelanggaran (
  ID int(11) NOT NULL AUTO_INCREMENT,
  JenisPelanggaran varchar(255) NOT NULL,
  Keterangan text,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE jenis_denda (
  ID int(11) NOT NULL AUTO_INCREMENT,
  Code varchar(50) DEFAULT NULL,
  Name varchar(255) NOT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE pelanggaran (
  ID int(11) NOT NULL AUTO_INCREMENT,
  CollectionLoan_id varchar(255) DEFAULT NULL,
  CollectionLoanItem_id double DEFAULT NULL,
  JenisPelanggaran_id int(11) DEFAULT NULL,
  JenisDenda_id int(11) DEFAULT NULL,
  JumlahDenda decimal(10,0) DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  JumlahSuspend int(11) DEFAULT NULL,
  Paid tinyint(1) DEFAULT NULL,
  Member_id double DEFAULT NULL,
  Collection_id double DEFAULT NULL,
  PRIMARY KEY (ID),
  KEY Member_id (Member_id),
  KEY CollectionLoanItem_id (CollectionLoanItem_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE peraturan_peminjaman_hari (
  ID int(11) NOT NULL AUTO_INCREMENT,
  DayIndex int(11) NOT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  MaxPinjamKoleksi int(11) DEFAULT NULL,
  MaxLoanDays int(11) DEFAULT NULL,
  DendaType varchar(45) DEFAULT NULL,
  DendaTenorJumlah int(11) DEFAULT NULL,
  DendaTenorSatuan varchar(45) DEFAULT NULL,
  DendaPerTenor decimal(10,0) DEFAULT NULL,
  DendaTenorMultiply int(11) DEFAULT NULL,
  SuspendMember tinyint(1) DEFAULT NULL,
  WarningLoanDueDay int(11) DEFAULT NULL,
  SuspendType varchar(45) DEFAULT NULL,
  SuspendTenorJumlah int(11) DEFAULT NULL,
  SuspendTenorSatuan varchar(45) DEFAULT NULL,
  DaySuspend int(11) DEFAULT NULL,
  SuspendTenorMultiply int(11) DEFAULT NULL,
  DayPerpanjang int(11) DEFAULT NULL,
  CountPerpanjang int(11) DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE peraturan_peminjaman_tanggal (
  ID int(11) NOT NULL AUTO_INCREMENT,
  TanggalAwal date NOT NULL,
  TanggalAkhir date NOT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  MaxPinjamKoleksi int(11) DEFAULT NULL,
  MaxLoanDays int(11) DEFAULT NULL,
  DendaType varchar(45) DEFAULT NULL,
  DendaTenorJumlah int(11) DEFAULT NULL,
  DendaTenorSatuan varchar(45) DEFAULT NULL,
  DendaPerTenor decimal(10,0) DEFAULT NULL,
  DendaTenorMultiply int(11) DEFAULT NULL,
  SuspendMember tinyint(1) DEFAULT NULL,
  WarningLoanDueDay int(11) DEFAULT NULL,
  SuspendType varchar(45) DEFAULT NULL,
  SuspendTenorJumlah int(11) DEFAULT NULL,
  SuspendTenorSatuan varchar(45) DEFAULT NULL,
  DaySuspend int(11) DEFAULT NULL,
  SuspendTenorMultiply int(11) DEFAULT NULL,
  DayPerpanjang int(11) DEFAULT NULL,
  CountPerpanjang int(11) DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;

CREATE TABLE holidays (
  ID int(11) NOT NULL AUTO_INCREMENT,
  Dates datetime NOT NULL,
  Names varchar(255) DEFAULT NULL,
  CreateBy int(11) DEFAULT NULL,
  CreateDate datetime DEFAULT NULL,
  CreateTerminal varchar(100) DEFAULT NULL,
  UpdateBy int(11) DEFAULT NULL,
  UpdateDate datetime DEFAULT NULL,
  UpdateTerminal varchar(100) DEFAULT NULL,
  PRIMARY KEY (ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8 COLLATE=utf8_general_ci;
