import Foundation
import GRDB
import Showroom

/// A small, fast, seedable random generator (SplitMix64), so demo data is reproducible.
struct DemoRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ list: [T]) -> T { list[Int(next() % UInt64(list.count))] }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) < p * 1_000_000 }
}

/// Realistic Belgian demo data: branches, staff, lead types and sources, stock, contacts, and
/// leads spread over statuses and deadlines with timelines of varying length.
public struct DemoData {
    public struct Staff: Sendable {
        public let username: String
        public let displayName: String
        public let language: String
        /// `admin`, `manager` or `sales`.
        public let role: String
        public let branches: [Int64]
    }

    /// Branch names in Dutch, French and English, and the city.
    public static let branches: [(name: String, fr: String, en: String, city: String)] = [
        ("Gent", "Gand", "Ghent", "Gent"), ("Antwerpen", "Anvers", "Antwerp", "Antwerpen"), ("Brussel", "Bruxelles", "Brussels", "Brussel"),
        ("Namur", "Namur", "Namur", "Namur"), ("Liège", "Liège", "Liège", "Liège"),
    ]

    public static let staff: [Staff] = [
        Staff(username: "admin", displayName: "Annelies Admin", language: "nl", role: "admin", branches: [1, 2, 3, 4, 5]),
        Staff(username: "pieter", displayName: "Pieter Van Damme", language: "nl", role: "manager", branches: [1, 2]),
        Staff(username: "sofie", displayName: "Sofie Peeters", language: "nl", role: "sales", branches: [1]),
        Staff(username: "jan", displayName: "Jan Claes", language: "nl", role: "sales", branches: [1]),
        Staff(username: "lotte", displayName: "Lotte Wouters", language: "nl", role: "sales", branches: [2]),
        Staff(username: "bram", displayName: "Bram Janssens", language: "en", role: "sales", branches: [2]),
        Staff(username: "nathalie", displayName: "Nathalie Dubois", language: "fr", role: "manager", branches: [3, 4, 5]),
        Staff(username: "julien", displayName: "Julien Lambert", language: "fr", role: "sales", branches: [3]),
        Staff(username: "camille", displayName: "Camille Martin", language: "fr", role: "sales", branches: [4]),
        Staff(username: "thomas", displayName: "Thomas Leclercq", language: "fr", role: "sales", branches: [5]),
    ]

    static let types: [(String, String, String)] = [
        ("Nieuwe wagen", "Voiture neuve", "New car"), ("Tweedehands wagen", "Voiture d'occasion", "Used car"),
        ("Bedrijfswagen", "Véhicule utilitaire", "Commercial vehicle"), ("Private lease", "Leasing privé", "Private lease"),
    ]
    static let sources: [(String, String, String)] = [
        ("Website", "Site web", "Website"), ("Telefoon", "Téléphone", "Phone"), ("Showroombezoek", "Visite showroom", "Showroom visit"),
        ("Autosalon", "Salon de l'auto", "Motor show"), ("AutoScout24", "AutoScout24", "AutoScout24"),
        ("2dehands.be", "2ememain.be", "2dehands.be"), ("Doorverwijzing", "Recommandation", "Referral"), ("Facebook", "Facebook", "Facebook"),
    ]
    static let models: [(String, String, [String], Int)] = [
        ("Volkswagen", "Golf", ["1.5 eTSI Life", "2.0 TDI Style", "GTI"], 34_990), ("Volkswagen", "ID.3", ["Pro", "Pro S"], 39_990),
        ("Volkswagen", "Tiguan", ["1.5 eTSI", "eHybrid"], 45_990), ("Peugeot", "208", ["Active 1.2", "GT e-208"], 22_990),
        ("Peugeot", "3008", ["Allure Hybrid", "GT e-3008"], 41_990), ("Renault", "Clio", ["Evolution TCe 90", "Esprit Alpine E-Tech"], 20_990),
        ("Renault", "Captur", ["Techno E-Tech", "Evolution TCe"], 27_490), ("BMW", "Serie 1", ["118i", "120 M Sport"], 36_900),
        ("BMW", "X1", ["sDrive18i", "xDrive30e", "iX1 eDrive20"], 46_500), ("Audi", "A3 Sportback", ["30 TFSI", "40 TFSI e"], 35_950),
        ("Audi", "Q4 e-tron", ["40", "45 quattro"], 51_450), ("Skoda", "Octavia Combi", ["1.5 TSI Ambition", "2.0 TDI Style"], 33_470),
        ("Skoda", "Enyaq", ["60", "85"], 44_990), ("Toyota", "Yaris Cross", ["Hybrid 116 Dynamic", "GR Sport"], 27_950),
        ("Toyota", "RAV4", ["Plug-in Hybrid", "Hybrid AWD-i"], 46_990), ("Kia", "Niro", ["Hybrid Pulse", "EV Business"], 33_990),
        ("Kia", "Sportage", ["1.6 T-GDi", "PHEV GT-Line"], 36_990), ("Tesla", "Model 3", ["RWD", "Long Range AWD"], 42_990),
        ("Volvo", "XC40", ["B3 Core", "Recharge"], 45_200), ("Volvo", "EX30", ["Single Motor", "Twin Motor Performance"], 36_795),
        ("Mercedes-Benz", "A-Klasse", ["A 180", "A 250 e"], 37_994), ("Mercedes-Benz", "GLC", ["220 d 4MATIC", "300 e"], 64_130),
        ("Dacia", "Sandero", ["Stepway Expression", "Essential"], 15_390), ("Dacia", "Duster", ["Journey TCe 130", "Hybrid 140"], 22_990),
        ("Citroën", "C3", ["You", "Max ë-C3"], 17_990), ("Opel", "Corsa", ["Edition 1.2", "Electric GS"], 21_499),
        ("Ford", "Puma", ["Titanium 1.0 EcoBoost", "ST-Line X"], 27_850), ("Hyundai", "Tucson", ["1.6 T-GDi HEV", "N Line"], 38_999),
        ("Mazda", "CX-30", ["e-Skyactiv G", "Homura"], 29_990), ("Fiat", "500e", ["Icon", "La Prima"], 27_990),
    ]
    static let firstNamesNL = ["Lucas", "Emma", "Noah", "Olivia", "Liam", "Louise", "Arthur", "Mila", "Jules", "Elena", "Finn", "Marie",
                               "Wout", "Lotte", "Stijn", "Ine", "Koen", "Griet", "Bart", "Hanne", "Dries", "Eline", "Tom", "An"]
    static let firstNamesFR = ["Louis", "Alice", "Gabriel", "Léa", "Victor", "Chloé", "Hugo", "Manon", "Nathan", "Juliette", "Théo",
                               "Camille", "Maxime", "Sarah", "Antoine", "Élodie", "Quentin", "Aurélie", "Baptiste", "Céline"]
    static let lastNamesNL = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
                              "Van de Velde", "Dubois", "Hermans", "Aerts", "Verstraete", "Vermeulen", "De Backer", "Van Damme", "Pauwels", "Desmet"]
    static let lastNamesFR = ["Lambert", "Martin", "Dupont", "Leclercq", "Simon", "Laurent", "Lejeune", "Renard", "Dumont", "Lefèvre",
                              "François", "Michel", "Collignon", "Piette", "Delvaux", "Denis", "Gilson", "Wéry", "Thiry", "Henrard"]
    static let citiesNL: [(String, String)] = [("9000", "Gent"), ("2000", "Antwerpen"), ("8000", "Brugge"), ("3000", "Leuven"), ("2800", "Mechelen"),
                                                ("9300", "Aalst"), ("3500", "Hasselt"), ("8500", "Kortrijk"), ("9100", "Sint-Niklaas"), ("1000", "Brussel")]
    static let citiesFR: [(String, String)] = [("5000", "Namur"), ("4000", "Liège"), ("6000", "Charleroi"), ("7000", "Mons"), ("1300", "Wavre"),
                                                ("6700", "Arlon"), ("4800", "Verviers"), ("1400", "Nivelles"), ("7500", "Tournai"), ("1050", "Ixelles")]
    static let streetsNL = ["Kerkstraat", "Stationsstraat", "Molenstraat", "Schoolstraat", "Dorpsstraat", "Nieuwstraat", "Veldstraat", "Kouter"]
    static let streetsFR = ["Rue de la Station", "Rue de l'Église", "Chaussée de Louvain", "Rue du Moulin", "Avenue des Tilleuls", "Rue Haute"]
    static let mailDomains = ["telenet.be", "skynet.be", "gmail.com", "proximus.be", "outlook.com", "hotmail.com", "scarlet.be"]
    static let companySuffixes = ["BV", "NV", "SRL", "SA", "CommV"]
    static let companyWords = ["Bouw", "Transport", "Immo", "Consult", "Logistics", "Tuinaanleg", "Garage", "Electro", "Services", "Bakkerij"]
    static let commentsNL = ["Klant belde terug, wil graag een proefrit volgende week.", "Offerte besproken, twijfelt nog over de kleur.",
                             "Vraagt naar leveringstermijn en winterbanden.", "Overname van huidige wagen is belangrijk voor de klant.",
                             "Partner komt mee naar de showroom zaterdag.", "Financiering via leasing bekijken.", "Klant vergelijkt met een concurrent in de buurt."]
    static let commentsFR = ["Le client a rappelé, souhaite un essai la semaine prochaine.", "Offre discutée, hésite encore sur la couleur.",
                             "Demande le délai de livraison et des pneus hiver.", "La reprise de sa voiture actuelle est décisive.",
                             "Viendra samedi avec son épouse.", "Examiner un financement en leasing.", "Compare avec un concurrent de la région."]

    /// The password of every demo user.
    public static let password = "showroom-demo"

    public let leadCount: Int
    public let seed: UInt64
    public let now: Instant
    /// Turns the demo password into a stored hash (the store itself knows no cryptography).
    public let hashPassword: @Sendable (String) throws -> String

    /// SQLite's page cache and memory map for the bulk load (per connection, set on the
    /// writer only while loading; issue 14: the default 2 MB cache thrashed past ~300 MB).
    public var cacheMiB = 512
    public var mmapMiB = 0

    public init(leadCount: Int, seed: UInt64 = 2026, now: Instant, hashPassword: @escaping @Sendable (String) throws -> String) {
        self.leadCount = leadCount
        self.seed = seed
        self.now = now
        self.hashPassword = hashPassword
    }

    public enum Failure: Error, CustomStringConvertible {
        case notEmpty
        public var description: String { "the database already holds leads; demo data goes only into an empty database" }
    }

    /// Fills an empty database. `progress(done, total)` is called every few thousand leads.
    public func load(into database: AppDatabase, progress: (Int, Int) -> Void = { _, _ in }) throws {
        let existing = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM leads") ?? 0 }
        guard existing == 0 else { throw Failure.notEmpty }
        var rng = DemoRandom(seed: seed)
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA cache_size = \(-cacheMiB * 1024)")
            try db.execute(sql: "PRAGMA mmap_size = \(mmapMiB * 1_048_576)")
            defer {
                try? db.execute(sql: "PRAGMA synchronous = FULL")
                try? db.execute(sql: "PRAGMA cache_size = -2000")
                try? db.execute(sql: "PRAGMA mmap_size = 0")
            }
            try db.inTransaction {
                try loadReferenceData(db, &rng)
                return .commit
            }
            // The insight summaries are built once at the end from the leads, not row by row
            // through their triggers (the same SQL as the migration; the triggers come back
            // in the same transaction).
            try db.inTransaction {
                for name in Migrations.insightTriggerNames + Migrations.insightMonthTriggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
                return .commit
            }
            let batch = 5_000
            var done = 0
            var sequences: [Int: Int] = [:]
            while done < leadCount {
                let upper = min(leadCount, done + batch)
                try db.inTransaction {
                    for index in done..<upper { try insertLead(db, index: index, rng: &rng, sequences: &sequences) }
                    return .commit
                }
                done = upper
                progress(done, leadCount)
            }
            try db.inTransaction {
                try db.execute(sql: Migrations.insightRebuildSQL)
                try db.execute(sql: Migrations.insightMonthRebuildSQL)
                try db.execute(sql: Migrations.insightTriggersSQL)
                try db.execute(sql: Migrations.insightMonthTriggersSQL)
                for (year, last) in sequences {
                    try db.execute(sql: "INSERT INTO code_sequences (year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = max(last, excluded.last)", arguments: [year, last])
                }
                return .commit
            }
            try db.execute(sql: "ANALYZE")
        }
    }

    private func loadReferenceData(_ db: Database, _ rng: inout DemoRandom) throws {
        try loadCompany(db)
        for b in Self.branches {
            try db.execute(sql: "INSERT INTO branches (name, name_fr, name_en, city) VALUES (?, ?, ?, ?)", arguments: [b.name, b.fr, b.en, b.city])
        }
        let profileIDs = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, id FROM profiles").map { ($0[0] as String, $0[1] as Int64) })
        let profileOfRole = ["admin": profileIDs["Admin"], "manager": profileIDs["Verkoopverantwoordelijke"], "sales": profileIDs["Verkoper"]]
        for member in Self.staff {
            try db.execute(sql: "INSERT INTO users (username, display_name, email, language, created_at, profile_id, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           arguments: [member.username, member.displayName, member.username + "@showroom.example", member.language, now.seconds - 800 * 86_400,
                                       profileOfRole[member.role] ?? nil, try hashPassword(Self.password)])
            let userID = db.lastInsertedRowID
            for branch in member.branches {
                try db.execute(sql: "INSERT INTO user_branches (user_id, branch_id) VALUES (?, ?)", arguments: [userID, branch])
            }
        }
        for (i, t) in Self.types.enumerated() {
            try db.execute(sql: "INSERT INTO lead_types (name_nl, name_fr, name_en, position) VALUES (?, ?, ?, ?)", arguments: [t.0, t.1, t.2, i])
        }
        for (i, s) in Self.sources.enumerated() {
            try db.execute(sql: "INSERT INTO lead_sources (name_nl, name_fr, name_en, position) VALUES (?, ?, ?, ?)", arguments: [s.0, s.1, s.2, i])
        }
        // The leads below draw from the same generator as the first, thinner stock did: its
        // draws are still made, so the demo leads (and their quotes' and test drives' car ids,
        // 1…240) stay exactly as they were. The stock itself comes from a generator of its own.
        let vinAlphabet = Array("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")
        for n in 0..<240 {
            let (_, _, versions, _) = Self.models[n % Self.models.count]
            for _ in 0..<17 { _ = rng.pick(vinAlphabet) }
            if n % 3 == 0 { _ = rng.int(45...80) }
            _ = rng.pick(versions)
            if !rng.chance(0.8) { _ = rng.pick(["reserved", "sold"]) }
        }
        try loadStock(db)
    }

    /// A car of the demo stock: real makes, versions, list prices and WLTP figures (2025–26).
    struct StockModel {
        let wmi: String, make: String, model: String, version: String, body: String
        let fuel: Fuel, gearbox: Gearbox, kW: Int, euros: Int
        /// WLTP combined, tenths of l (or kWh for electric cars) per 100 km; CO₂ g/km.
        let wltp: Int, co2: Int
    }

    static let stockModels: [StockModel] = [
        StockModel(wmi: "WVW", make: "Volkswagen", model: "Golf", version: "1.5 eTSI Life", body: "Hatchback", fuel: .petrol, gearbox: .automatic, kW: 110, euros: 36_990, wltp: 55, co2: 125),
        StockModel(wmi: "WVW", make: "Volkswagen", model: "Golf", version: "2.0 TDI Style", body: "Hatchback", fuel: .diesel, gearbox: .automatic, kW: 110, euros: 41_490, wltp: 47, co2: 123),
        StockModel(wmi: "WVW", make: "Volkswagen", model: "ID.3", version: "Pro", body: "Hatchback", fuel: .electric, gearbox: .automatic, kW: 150, euros: 39_990, wltp: 154, co2: 0),
        StockModel(wmi: "WVG", make: "Volkswagen", model: "Tiguan", version: "1.5 eHybrid Life", body: "SUV", fuel: .plugInHybrid, gearbox: .automatic, kW: 150, euros: 52_990, wltp: 4, co2: 9),
        StockModel(wmi: "VF3", make: "Peugeot", model: "208", version: "1.2 PureTech 100 Active", body: "Hatchback", fuel: .petrol, gearbox: .manual, kW: 74, euros: 22_990, wltp: 54, co2: 122),
        StockModel(wmi: "VF3", make: "Peugeot", model: "e-208", version: "GT", body: "Hatchback", fuel: .electric, gearbox: .automatic, kW: 115, euros: 38_900, wltp: 151, co2: 0),
        StockModel(wmi: "VF3", make: "Peugeot", model: "3008", version: "Hybrid 136 Allure", body: "SUV", fuel: .hybrid, gearbox: .automatic, kW: 100, euros: 41_990, wltp: 56, co2: 127),
        StockModel(wmi: "VF1", make: "Renault", model: "Clio", version: "TCe 90 Evolution", body: "Hatchback", fuel: .petrol, gearbox: .manual, kW: 67, euros: 20_990, wltp: 54, co2: 118),
        StockModel(wmi: "VF1", make: "Renault", model: "Clio", version: "E-Tech full hybrid 145 Esprit Alpine", body: "Hatchback", fuel: .hybrid, gearbox: .automatic, kW: 105, euros: 27_490, wltp: 42, co2: 96),
        StockModel(wmi: "VF1", make: "Renault", model: "Captur", version: "E-Tech plug-in 160 Techno", body: "SUV", fuel: .plugInHybrid, gearbox: .automatic, kW: 118, euros: 35_900, wltp: 14, co2: 33),
        StockModel(wmi: "WBA", make: "BMW", model: "1 Reeks", version: "118i M Sport", body: "Hatchback", fuel: .petrol, gearbox: .automatic, kW: 115, euros: 38_900, wltp: 61, co2: 139),
        StockModel(wmi: "WBA", make: "BMW", model: "X1", version: "xDrive30e", body: "SUV", fuel: .plugInHybrid, gearbox: .automatic, kW: 240, euros: 57_950, wltp: 8, co2: 19),
        StockModel(wmi: "WBA", make: "BMW", model: "iX1", version: "eDrive20", body: "SUV", fuel: .electric, gearbox: .automatic, kW: 150, euros: 52_450, wltp: 166, co2: 0),
        StockModel(wmi: "WAU", make: "Audi", model: "A3 Sportback", version: "30 TFSI", body: "Hatchback", fuel: .petrol, gearbox: .manual, kW: 81, euros: 34_750, wltp: 56, co2: 127),
        StockModel(wmi: "WAU", make: "Audi", model: "Q4 e-tron", version: "45 quattro", body: "SUV", fuel: .electric, gearbox: .automatic, kW: 210, euros: 58_950, wltp: 176, co2: 0),
        StockModel(wmi: "TMB", make: "Skoda", model: "Octavia Combi", version: "2.0 TDI Style", body: "Break", fuel: .diesel, gearbox: .automatic, kW: 110, euros: 39_620, wltp: 46, co2: 121),
        StockModel(wmi: "TMB", make: "Skoda", model: "Enyaq", version: "85", body: "SUV", fuel: .electric, gearbox: .automatic, kW: 210, euros: 49_990, wltp: 159, co2: 0),
        StockModel(wmi: "VNK", make: "Toyota", model: "Yaris Cross", version: "Hybrid 116 Dynamic", body: "SUV", fuel: .hybrid, gearbox: .automatic, kW: 85, euros: 29_950, wltp: 45, co2: 101),
        StockModel(wmi: "JTM", make: "Toyota", model: "RAV4", version: "2.5 Plug-in Hybrid AWD", body: "SUV", fuel: .plugInHybrid, gearbox: .automatic, kW: 225, euros: 56_990, wltp: 10, co2: 22),
        StockModel(wmi: "KNA", make: "Kia", model: "Niro", version: "1.6 GDi Hybrid Pulse", body: "SUV", fuel: .hybrid, gearbox: .automatic, kW: 104, euros: 33_990, wltp: 44, co2: 100),
        StockModel(wmi: "U5Y", make: "Kia", model: "Sportage", version: "1.6 T-GDi MHEV Pulse", body: "SUV", fuel: .petrol, gearbox: .manual, kW: 110, euros: 36_990, wltp: 67, co2: 151),
        StockModel(wmi: "LRW", make: "Tesla", model: "Model 3", version: "RWD", body: "Sedan", fuel: .electric, gearbox: .automatic, kW: 208, euros: 42_990, wltp: 132, co2: 0),
        StockModel(wmi: "YV1", make: "Volvo", model: "XC40", version: "B3 Core", body: "SUV", fuel: .petrol, gearbox: .automatic, kW: 120, euros: 45_200, wltp: 72, co2: 164),
        StockModel(wmi: "LYV", make: "Volvo", model: "EX30", version: "Single Motor Extended Range Plus", body: "SUV", fuel: .electric, gearbox: .automatic, kW: 200, euros: 41_795, wltp: 170, co2: 0),
        StockModel(wmi: "W1K", make: "Mercedes-Benz", model: "A-Klasse", version: "A 180 Progressive Line", body: "Hatchback", fuel: .petrol, gearbox: .automatic, kW: 100, euros: 38_994, wltp: 59, co2: 134),
        StockModel(wmi: "W1N", make: "Mercedes-Benz", model: "GLC", version: "300 e 4MATIC", body: "SUV", fuel: .plugInHybrid, gearbox: .automatic, kW: 230, euros: 72_600, wltp: 6, co2: 15),
        StockModel(wmi: "UU1", make: "Dacia", model: "Sandero", version: "Stepway ECO-G 100 Expression", body: "Hatchback", fuel: .cngLpg, gearbox: .manual, kW: 74, euros: 18_390, wltp: 69, co2: 114),
        StockModel(wmi: "UU1", make: "Dacia", model: "Duster", version: "Hybrid 140 Journey", body: "SUV", fuel: .hybrid, gearbox: .automatic, kW: 104, euros: 26_990, wltp: 50, co2: 113),
        StockModel(wmi: "VR7", make: "Citroën", model: "ë-C3", version: "Max", body: "Hatchback", fuel: .electric, gearbox: .automatic, kW: 83, euros: 27_990, wltp: 173, co2: 0),
        StockModel(wmi: "W0V", make: "Opel", model: "Corsa", version: "1.2 Edition", body: "Hatchback", fuel: .petrol, gearbox: .manual, kW: 55, euros: 20_499, wltp: 56, co2: 126),
        StockModel(wmi: "WF0", make: "Ford", model: "Puma", version: "1.0 EcoBoost Hybrid Titanium", body: "SUV", fuel: .petrol, gearbox: .manual, kW: 92, euros: 27_850, wltp: 53, co2: 121),
        StockModel(wmi: "TMA", make: "Hyundai", model: "Tucson", version: "1.6 T-GDi HEV N Line", body: "SUV", fuel: .hybrid, gearbox: .automatic, kW: 158, euros: 42_999, wltp: 58, co2: 131),
        StockModel(wmi: "JMZ", make: "Mazda", model: "CX-30", version: "e-Skyactiv G 140 Homura", body: "SUV", fuel: .petrol, gearbox: .manual, kW: 103, euros: 32_990, wltp: 60, co2: 136),
        StockModel(wmi: "ZFA", make: "Fiat", model: "500e", version: "La Prima", body: "Cabrio", fuel: .electric, gearbox: .automatic, kW: 87, euros: 34_990, wltp: 140, co2: 0),
    ]
    static let colours: [(String, String)] = [
        ("Zwart metaal", "2T"), ("Wit", "0Q"), ("Parelmoerwit", "Y9"), ("Donkergrijs metaal", "P5"), ("Zilvergrijs metaal", "8E"),
        ("Donkerblauw metaal", "H7"), ("Rood", "P8"), ("Groen metaal", "2W"),
    ]
    static let optionChoices = ["Winterpakket (verwarmde zetels en stuur)", "Trekhaak, elektrisch uitklapbaar", "Panoramisch schuifdak", "Adaptieve cruisecontrol",
                                "Achteruitrijcamera", "Parkeersensoren voor en achter", "Apple CarPlay en Android Auto draadloos", "LED-matrixkoplampen",
                                "18\" lichtmetalen velgen", "Getint glas achteraan", "Elektrische achterklep", "Head-up display"]

    /// 48 cars per branch (ids 1…240): about half new (with WLTP and CO₂), a third used (with
    /// first registration and odometer; a third of those under the margin scheme), the rest
    /// demo cars; most available, some reserved or sold.
    private func loadStock(_ db: Database) throws {
        var rng = DemoRandom(seed: seed &+ 0x5700C)
        let today = now.seconds
        for n in 0..<240 {
            let m = Self.stockModels[(n * 7 + n / Self.stockModels.count) % Self.stockModels.count]
            let branch = n % Self.branches.count + 1
            let roll = rng.int(0...99)
            let condition: VehicleCondition = roll < 50 ? .new : roll < 85 ? .used : .demo
            var price = m.euros * 100
            var firstRegistration: String?
            var km: Int?
            var margin = false
            switch condition {
            case .new:
                km = rng.chance(0.5) ? rng.int(5...40) : nil
            case .used:
                let years = rng.int(1...8)
                firstRegistration = CalendarDate.brussels(Instant(seconds: today - Int64(years * 365 + rng.int(0...300)) * 86_400)).iso
                km = years * rng.int(9_000...22_000) + rng.int(0...999)
                // Roughly 15 % the first year, then 10 % a year, to the nearest € 250.
                price = max(5_000_00, m.euros * 100 * max(20, 85 - years * 10) / 100 / 25_000 * 25_000)
                margin = rng.chance(0.35)
            case .demo:
                firstRegistration = CalendarDate.brussels(Instant(seconds: today - Int64(rng.int(60...270)) * 86_400)).iso
                km = rng.int(1_500...9_000)
                price = m.euros * 100 * rng.int(84...92) / 100 / 10_000 * 10_000
            }
            let statusRoll = rng.int(0...99)
            let status: VehicleStatus = statusRoll < 80 ? .available : statusRoll < 92 ? .reserved : .sold
            let purchase = condition == .used ? price * rng.int(78...88) / 100 : price * rng.int(86...90) / 100
            let colour = rng.pick(Self.colours)
            var options: [String] = []
            for _ in 0..<rng.int(0...4) { let o = rng.pick(Self.optionChoices); if !options.contains(o) { options.append(o) } }
            let vinMiddle = String((0..<8).map { _ in rng.pick(Array("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")) })
            let serial = String(100_000 + n * 3_571 % 900_000)
            let created = today - Int64(rng.int(1...240)) * 86_400
            try db.execute(sql: """
                INSERT INTO vehicles (id, vin, make, model, model_version, body, fuel, gearbox, power_kw, colour, colour_code, options, first_registration,
                    odometer_km, condition, status, branch_id, price_cents, purchase_price_cents, vat_regime, wltp_tenths, co2_g_km, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [n + 1, m.wmi + vinMiddle + serial, m.make, m.model, m.version, m.body, m.fuel.rawValue, m.gearbox.rawValue, m.kW,
                                 colour.0, colour.1, options.joined(separator: "\n"), firstRegistration, km, condition.rawValue, status.rawValue, branch,
                                 price, purchase, margin ? "margin" : "normal", condition == .new || rng.chance(0.7) ? m.wltp : nil,
                                 condition == .new || rng.chance(0.7) ? m.co2 : nil, created, created])
        }
    }

    /// A lost lead's reason (ids 1…6 of the first migration), from its index rather than a
    /// draw, so the rest of the demo data stays as it was: too expensive and a competitor most
    /// often, financing refused least.
    static func lostReason(_ index: Int) -> Int64 {
        let weights: [Int64] = [1, 1, 1, 2, 2, 2, 3, 4, 5, 5, 6]
        return weights[(index &* 7 &+ index / 10) % weights.count]
    }

    private func insertLead(_ db: Database, index: Int, rng: inout DemoRandom, sequences: inout [Int: Int]) throws {
        // Contact: about 60 % Dutch-speaking, 10 % companies.
        let french = rng.chance(0.4)
        let company = rng.chance(0.1)
        let first = french ? rng.pick(Self.firstNamesFR) : rng.pick(Self.firstNamesNL)
        let last = french ? rng.pick(Self.lastNamesFR) : rng.pick(Self.lastNamesNL)
        let companyName = company ? "\(rng.pick(Self.companyWords)) \(last) \(rng.pick(Self.companySuffixes))" : ""
        let (postal, city) = french ? rng.pick(Self.citiesFR) : rng.pick(Self.citiesNL)
        let mailName = (company ? companyName : first + "." + last).lowercased().filter { $0.isLetter || $0 == "." }
            .folding()
        let email = rng.chance(0.9) ? "\(mailName)\(rng.int(1...99))@\(rng.pick(Self.mailDomains))" : ""
        let phone = email.isEmpty || rng.chance(0.8) ? "+324\(rng.int(70...99))\(rng.int(100_000...999_999))" : ""
        // Spread evenly over the last two years, in the order of their ids (as in real use,
        // a later lead has a higher id).
        let window: Int64 = 730 * 86_400
        let step = max(1, window / Int64(leadCount))
        let created = now.seconds - window + Int64(index) * window / Int64(leadCount) + Int64(rng.next() % UInt64(step))
        let ageDays = (now.seconds - created) / 86_400
        try db.cachedStatement(sql: """
            INSERT INTO contacts (kind, first_name, last_name, company_name, email, phone, street, postal_code, city, country, vat_number, language, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'BE', ?, ?, ?, ?)
            """).execute(arguments: [company ? "company" : "person", first, last, companyName, email, phone,
                                     "\(french ? rng.pick(Self.streetsFR) : rng.pick(Self.streetsNL)) \(rng.int(1...180))", postal, city,
                                     company ? "BE0\(rng.int(400_000_000...999_999_999))" : "", french ? "fr" : "nl", created, created])
        let contactID = db.lastInsertedRowID

        // Branch and a responsible person working there.
        let branch = Int64(french ? rng.int(3...5) : rng.int(1...2))
        let candidates = Self.staff.enumerated().filter { $0.element.role != "admin" && $0.element.branches.contains(branch) }.map { Int64($0.offset + 1) }
        let responsible = rng.pick(candidates)
        let year = BrusselsTime.civil(Instant(seconds: created)).year
        let seq = (sequences[year] ?? 0) + 1
        sequences[year] = seq
        let code = SystemCode(year: year, sequence: seq).description

        // Older leads are mostly closed; recent ones mostly in progress.
        let closedChance = ageDays > 60 ? 0.85 : Double(ageDays) / 90
        let status: LeadStatus = rng.chance(closedChance) ? (rng.chance(0.45) ? .won : .lost) : .inProgress
        // Every 500th lead has a long history (40 events), the others between 1 and 12.
        let eventCount = index % 500 == 7 ? 40 : rng.int(1...12)
        let span = max(60, (status.isClosed ? min(now.seconds - created, Int64(rng.int(2...45)) * 86_400) : now.seconds - created))
        let times = (1..<eventCount).map { _ in created + Int64(rng.next() % UInt64(span)) }.sorted()
        let closedAt = status.isClosed ? min(now.seconds, (times.last ?? created) + 600) : nil
        let lastActivity = closedAt ?? times.last ?? created
        try db.cachedStatement(sql: """
            INSERT INTO leads (code, status, contact_id, type_id, source_id, branch_id, responsible_id, created_at, last_activity_at, closed_at, lost_reason_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [code, status.rawValue, contactID, rng.int(1...Self.types.count), rng.int(1...Self.sources.count),
                                     branch, responsible, created, lastActivity, closedAt, status == .lost ? Self.lostReason(index) : nil])
        let leadID = db.lastInsertedRowID

        let event = try db.cachedStatement(sql: "INSERT INTO timeline_events (lead_id, at, actor_id, kind, subject_id, detail, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        try event.execute(arguments: [leadID, created, responsible, TimelineKind.created.rawValue, nil, "", nil, nil])

        // The first deadline: contact the prospect within a day. Open leads get a follow-up,
        // about a quarter of them overdue.
        let deadline = try db.cachedStatement(sql: "INSERT INTO deadlines (lead_id, kind, due_at, done_at, contacted, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
        let firstDue = created + 86_400
        let firstDone: Int64? = status.isClosed || now.seconds - created > 2 * 86_400 ? min(firstDue, created + Int64(rng.int(600...80_000))) : nil
        try deadline.execute(arguments: [leadID, DeadlineKind.contactProspect.rawValue, firstDue, firstDone, firstDone == nil ? nil : 1, created, responsible])
        if status == .inProgress && firstDone != nil {
            let due = rng.chance(0.25) ? now.seconds - Int64(rng.int(3_600...10 * 86_400)) : now.seconds + Int64(rng.int(3_600...14 * 86_400))
            try deadline.execute(arguments: [leadID, DeadlineKind.followUp.rawValue, due, nil, nil, times.last ?? created, responsible])
        }

        for at in times {
            switch rng.int(0...9) {
            case 0...4:
                let body = french ? rng.pick(Self.commentsFR) : rng.pick(Self.commentsNL)
                try db.cachedStatement(sql: "INSERT INTO comments (lead_id, author_id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [leadID, responsible, body, at, at])
                try event.execute(arguments: [leadID, at, responsible, TimelineKind.comment.rawValue, db.lastInsertedRowID, "", nil, nil])
            case 5:
                // A real trade-in. The draws are those the first rows used, in the same order,
                // so the rest of the demo data stays as it was; everything else follows from them.
                let (make, model, versions, base) = rng.pick(Self.models)
                let version = rng.pick(versions)
                let km = rng.int(8_000...240_000)
                let fuel = rng.pick(["benzine", "diesel", "hybride", "elektrisch"])
                let share = rng.int(15...55)
                try insertTradeIn(db, leadID: leadID, branch: Int(branch), car: (make, model, version), km: km, fuelWord: fuel,
                                  estimatedCents: Int64(base * share), responsible: responsible, at: at, event: event)
            case 6:
                // A car of the lead's branch (the draw as before, moved into the branch's stock).
                let vehicle = (rng.int(1...240) - 1) / Self.branches.count * Self.branches.count + Int(branch)
                // The lead's contact drives, licence seen; a drive in the past is done with its
                // odometer, one ahead is planned. A slot the car already has makes a cancelled
                // drive (the schema refuses overlaps; the draws and the events stay the same).
                let starts = at + 86_400
                let minutes = rng.pick([30, 45, 60])
                let done = starts + Int64(minutes) * 60 < now.seconds
                let km = 1_000 + Int(leadID % 20_000)
                let expiry = CalendarDate.brussels(Instant(seconds: starts)).adding(months: 12 * (1 + Int(leadID % 9))).iso
                try db.cachedStatement(sql: """
                    INSERT INTO testdrives (lead_id, vehicle_id, starts_at, duration_minutes, driver_name, licence_number, created_at, status,
                        driver_contact_id, driver_language, licence_category, licence_expiry, licence_checked_by, licence_checked_at,
                        odometer_out, odometer_in, created_by, updated_at)
                    SELECT ?, ?, ?, ?, ?, ?, ?,
                        CASE WHEN EXISTS (SELECT 1 FROM testdrives t WHERE t.vehicle_id = ? AND t.status <> 'cancelled' AND t.starts_at > ? - 86400
                                          AND t.starts_at < ? AND t.starts_at + t.duration_minutes * 60 > ?) THEN 'cancelled' ELSE ? END,
                        ?, ?, 'B', ?, ?, ?, ?, ?, ?, ?
                    """).execute(arguments: [leadID, vehicle, starts, minutes, ContactCard.displayName(kind: .person, firstName: first, lastName: last, companyName: ""),
                                             String(format: "%010d", Int(leadID) * 7919 % 1_000_000_000), at,
                                             vehicle, starts, starts + Int64(minutes) * 60, starts, done ? "done" : "planned",
                                             contactID, french ? "fr" : "nl", expiry, responsible, at, done ? km : nil, done ? km + 12 + Int(leadID % 30) : nil,
                                             responsible, at])
                try event.execute(arguments: [leadID, at, responsible, TimelineKind.testDrive.rawValue, db.lastInsertedRowID,
                                              "", nil, TestDriveStatus.planned.rawValue])
            case 7:
                // A real quote on a car of the lead's branch: numbered, with its lines and the
                // amounts as printed. The two draws are those the placeholder rows used, so the
                // rest of the demo data stays as it was.
                let draw = (rng.int(1...240), rng.int(15_000...65_000))
                try insertQuote(db, leadID: leadID, branch: Int(branch), carDraw: draw.0, variant: draw.1, status: status,
                                responsible: responsible, at: at, event: event)
            case 8:
                try event.execute(arguments: [leadID, at, responsible, TimelineKind.deadlineChanged.rawValue, nil, "", String(at + 86_400), String(at + 3 * 86_400)])
            default:
                let other = rng.pick(candidates)
                try event.execute(arguments: [leadID, at, responsible, TimelineKind.assigned.rawValue, nil, "", Self.staff[Int(responsible) - 1].displayName, Self.staff[Int(other) - 1].displayName])
            }
        }
        if let closedAt {
            try event.execute(arguments: [leadID, closedAt, responsible, TimelineKind.statusChanged.rawValue, nil, "", String(LeadStatus.inProgress.rawValue), String(status.rawValue)])
        }
    }
}

extension DemoData {
    /// One demo quote: the car (a car of `branch`, from the draw), perhaps winter tyres, the
    /// registration and delivery fee, perhaps a discount on the car, perhaps a trade-in credit;
    /// sent unless the lead is still young, declined when the lead was lost.
    func insertQuote(_ db: Database, leadID: Int64, branch: Int, carDraw: Int, variant: Int, status: LeadStatus, responsible: Int64,
                     at: Int64, event: Statement) throws {
        let carID = Int64((carDraw - 1) / Self.branches.count * Self.branches.count + branch)
        guard let car = try Row.fetchOne(db.cachedStatement(sql: "SELECT make, model, model_version, price_cents, vat_regime FROM vehicles WHERE id = ?"),
                                         arguments: [carID]) else { return }
        let title = [car[0] as String, car[1] as String, car[2] as String].filter { !$0.isEmpty }.joined(separator: " ")
        var lines = [QuoteLine(kind: .vehicle, description: title, unitPriceCents: car[3],
                               vat: (car[4] as String) == "margin" ? .marginScheme : .rate(.standard))]
        if variant % 3 == 0 { lines.append(QuoteLine(kind: .accessory, description: "Set winterbanden op velg", unitPriceCents: 1_150_00)) }
        lines.append(QuoteLine(kind: .fee, description: "Inschrijving, nummerplaat en leveringspakket", unitPriceCents: 450_00))
        if variant % 4 == 1 { lines.append(.discount("Showroomkorting", basisPoints: 300, of: 0)) }
        if variant % 5 == 2 { lines.append(.tradeInCredit("Overname huidige wagen", creditCents: Int64(variant % 40 + 20) * 100_00)) }
        guard case .success(let calculation) = QuoteCalculation.calculate(lines) else { return }
        let issued = CalendarDate.brussels(Instant(seconds: at))
        let seq = try AppDatabase.nextSequence(db, kind: "quote", year: issued.year)
        guard let number = DocumentNumber(series: .quote, year: issued.year, sequence: seq) else { return }
        let quoteStatus: QuoteStatus = status == .lost ? .declined : (variant % 2 == 0 || status == .won ? .sent : .draft)
        try db.execute(sql: """
            INSERT INTO quotes (lead_id, number, year, seq, status, revision, vehicle_id, created_at, created_by, updated_at, decided_at)
            VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)
            """, arguments: [leadID, number.description, issued.year, seq, quoteStatus.rawValue, carID, at, responsible, at,
                             quoteStatus == .declined ? at : nil])
        let quoteID = db.lastInsertedRowID
        let draft = QuoteDraft(vehicleID: carID, lines: lines, validUntil: issued.adding(days: QuoteValidity.defaultDays))
        try AppDatabase.insertRevision(db, quoteID: quoteID, number: 1, draft, calculation, issuedOn: issued,
                                       viewer: Viewer(userID: responsible, visibility: .all), now: Instant(seconds: at))
        if quoteStatus != .draft {
            try db.execute(sql: "UPDATE quote_revisions SET sent_at = ?, sent_by = ? WHERE quote_id = ?", arguments: [at, responsible, quoteID])
        }
        try event.execute(arguments: [leadID, at, responsible, TimelineKind.quote.rawValue, quoteID, number.description, nil, QuoteStatus.draft.rawValue])
    }
}

extension DemoData {
    /// One demo trade-in from the draws of `insertLead`: first registration and plate follow
    /// from the odometer; the offered price is 86–95 % of the estimated value (never above it);
    /// six in ten approved, three proposed, one refused (with a reason), decided by the
    /// branch's manager a few hours later.
    func insertTradeIn(_ db: Database, leadID: Int64, branch: Int, car: (String, String, String), km: Int, fuelWord: String,
                       estimatedCents: Int64, responsible: Int64, at: Int64, event: Statement) throws {
        let fuel: Fuel = ["benzine": .petrol, "diesel": .diesel, "hybride": .hybrid, "elektrisch": .electric][fuelWord] ?? .petrol
        let years = min(15, max(1, km / 17_000))
        let registered = CalendarDate.brussels(Instant(seconds: at - Int64(years * 365 + km % 300) * 86_400))
        let letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
        let plate = "\(1 + km % 2)-\(letters[km % 23])\(letters[(km / 23) % 23])\(letters[(km / 529) % 23])-\(100 + km % 900)"
        let offered = estimatedCents * Int64(86 + km % 10) / 100 / 5_000 * 5_000
        let (colour, _) = Self.colours[km % Self.colours.count]
        let french = branch >= 3
        let damage = km > 150_000 ? (french ? "Rayures pare-chocs arrière, jante avant gauche abîmée" : "Krassen achterbumper, velg linksvoor beschadigd")
            : km % 4 == 0 ? (french ? "Petite bosse portière droite" : "Kleine deuk rechterportier") : ""
        let repair: Int64? = damage.isEmpty ? nil : Int64(250 + km % 9 * 100) * 100
        let finance: Int64? = km % 7 == 0 ? Int64(km % 50 + 10) * 100_000 / 10 : nil
        let notes = km > 150_000 ? (french ? "Entretien suivi, pneus à remplacer" : "Onderhoud gevolgd, banden aan vervanging toe")
            : (french ? "Bon état général, carnet d'entretien complet" : "Goede algemene staat, onderhoudsboekje volledig")
        let roll = km % 10
        let status: TradeInStatus = roll < 6 ? .approved : roll < 9 ? .proposed : .refused
        let manager: Int64 = branch <= 2 ? 2 : 7 // pieter, nathalie
        let decidedAt = min(at + Int64(1 + km % 20) * 3_600, now.seconds)
        let reason = status == .refused ? (french ? "Prix trop élevé pour le kilométrage" : "Prijs te hoog voor de kilometerstand") : ""
        try db.cachedStatement(sql: """
            INSERT INTO tradeins (lead_id, make, model, model_version, plate, first_registration, mileage_km, fuel, colour, condition, damage,
                repair_cost_cents, outstanding_finance_cents, estimated_value_cents, offered_price_cents, status, decided_by, decided_at,
                decision_reason, created_at, created_by, updated_at, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [leadID, car.0, car.1, car.2, plate, registered.iso, km, fuel.rawValue, colour, notes, damage,
                                     repair, finance, estimatedCents, offered, status.rawValue, status == .proposed ? nil : manager,
                                     status == .proposed ? nil : decidedAt, reason, at, responsible, status == .proposed ? at : decidedAt,
                                     status == .proposed ? 1 : 2])
        let id = db.lastInsertedRowID
        let title = [car.0, car.1, car.2].joined(separator: " ")
        try event.execute(arguments: [leadID, at, responsible, TimelineKind.tradeIn.rawValue, id, title, nil, TradeInStatus.proposed.rawValue])
        if status != .proposed {
            try event.execute(arguments: [leadID, decidedAt, manager, TimelineKind.tradeIn.rawValue, id, title, TradeInStatus.proposed.rawValue, status.rawValue])
        }
    }
}

extension String {
    /// Drops accents for e-mail addresses (é → e).
    fileprivate func folding() -> String {
        String(String.UnicodeScalarView(unicodeScalars.compactMap { s -> Unicode.Scalar? in
            switch s {
            case "à", "â", "ä": return "a"
            case "é", "è", "ê", "ë": return "e"
            case "ï", "î": return "i"
            case "ô", "ö": return "o"
            case "ù", "û", "ü": return "u"
            case "ç": return "c"
            default: return s.isASCII ? s : nil
            }
        }))
    }
}

extension DemoData {
    /// A fictitious Belgian dealer. Its enterprise number (0712.345.630) and IBAN
    /// (BE94 7350 0123 4514) are invented but pass their check digits, as real ones do; the
    /// logo is a small generated PNG.
    func loadCompany(_ db: Database) throws {
        var p = CompanyProfile()
        p.name = "Autohuis Vandenbroucke"
        p.tradeName = "Vandenbroucke Cars"
        p.legalForm = "BV"
        p.street = "Brusselsesteenweg 412"
        p.postalCode = "9050"
        p.city = "Gentbrugge"
        p.country = "België"
        p.enterpriseNumber = "0712345630"
        p.rprCourt = "Gent, afdeling Gent"
        p.iban = "BE94735001234514"
        p.bic = "KREDBEBB"
        p.phone = "+32 9 210 45 00"
        p.email = "info@vandenbroucke-cars.example"
        p.website = "www.vandenbroucke-cars.example"
        p.depositBasisPoints = 1_000
        p.deliveryDays = 30
        p.quoteValidityDays = 30
        p.discountApprovalBasisPoints = 500
        p.legalWarranty = LocalizedName(
            nl: "Wettelijke waarborg van 2 jaar vanaf de levering (art. 1649bis e.v. BW); voor een tweedehandse wagen 1 jaar indien zo overeengekomen.",
            fr: "Garantie légale de 2 ans à compter de la livraison (art. 1649bis et s. C. civ.) ; 1 an pour un véhicule d'occasion si convenu.",
            en: "Legal warranty of 2 years from delivery (art. 1649bis ff. Civil Code); 1 year for a used car where agreed.")
        p.commercialWarranty = LocalizedName(
            nl: "Fabrieksgarantie volgens de voorwaarden van de constructeur.",
            fr: "Garantie constructeur selon les conditions du fabricant.",
            en: "Manufacturer's warranty under the maker's conditions.")
        precondition(CompanyRules.check(p).isEmpty, "demo company profile breaks a rule")
        let record = CompanyRecord(profile: p)
        let columns = CompanyRecord.Columns.details
        try db.execute(sql: "UPDATE company_profile SET \(columns.map { "\($0.rawValue) = ?" }.joined(separator: ", ")), updated_at = ? WHERE id = 1",
                       arguments: StatementArguments(columns.map(record.value)) + [now.seconds])
        let logo = Data(base64Encoded: Self.logoBase64)!
        try db.execute(sql: "INSERT OR REPLACE INTO company_logo (id, mime_type, bytes, sha256, uploaded_at) VALUES (1, 'image/png', ?, ?, ?)",
                       arguments: [logo, Self.logoSHA256, now.seconds])
    }

    static let logoSHA256 = "418a6fc9fb48340b6ea337cc11012e0694fbc498643a6b36b84a5a4fa9cc8bc2"
    static let logoBase64 = "iVBORw0KGgoAAAANSUhEUgAAAPAAAABACAIAAACr/W2wAAABB0lEQVR42u3ZwQ2DUAxEwV8JhVAhogDaJTVEwjbZzJMLQOxcEOuWglpegYCWgJaAloAW0BLQ0s+AXtcxciZRFGimlQaaaaWBZlppoJlWGmimlQaaaaWBZlppoJkW0AIaaAENtIAGWkBLQAtooAX0EOhtP90fHtAOaKAd0EA7oIF2QAMNNNAOaKAd0H6syI8VoAW0BLSAfifotz1n0gENNNBAAw000EAD7aNQPgppFtA0C2ialQ7aPMoBbRvlgDaMckBbRc+DnjJtElWB7jdtD9WC7jRtDHWA7jFtCfWBrjZtBnWDrjNtA82ArjBtAE2Cfta0t6950BLQEtAS0AJaAloCWgJa+qIP4oJzDIA22u0AAAAASUVORK5CYII="
}
