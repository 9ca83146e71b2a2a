import Foundation
import Showroom

/// Example printout models (a new car at 21 % with a trade-in, a used car under the margin
/// scheme), for tests, the PDF benchmark and a first look. Not shown to users.
public enum PrintoutSamples {
    /// A 240 × 72 PNG logo (made for this sample).
    public static let logoPNG: [UInt8] = [UInt8](Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAPAAAABICAIAAABHru/dAAABpklEQVR42u3a223CUBRFQYpIERSRElNYugolBPueF0ez5G9jsUeWsXj8SYt6+AoEtAS0BLQEtICWgJY+HvTX98+ow4Q6vUMDrW2PHEBr2zM00Nr2oxBobXvLAbRWgW43bUIFg+41bUK9BfqqFaA1HfRHmDahLoCeb9qEugZ6uGkT6jLoyaZNqDugx5o2oW6CnmnahLoPeqBpE+oI9DTTJtQp6FGmTagA0HNMm1AxoIeYNqHCQE8wffK5v8/nv8c71+A89efJAt1uGmigg0H3mgYa6HjQjaaBBjoFdJdpoIHOAt1iGmigE0HXmwYa6FzQxaaBBjoddKVpoIGuAF1mGmigi0DXmAYa6DrQBaaBBroUdLZpoIGuBp1qGmigG0DnmQYa6B7QSaaBBroNdIZpf2lXJ+hw0yZUM+hY0yZUP+hA0ybUCNBRpk2oKaBDTJtQg0CfmzahZoE+NG1CjQN9YtqEmgj6tmkTaijoe6ZNqLmgb5g2oUaDZlTbQDOtbaCZ1jbQTGsbaKa1DTTT2gaaaW0DzbROQUtAS0BLQEtAC2gJaAloKaAXf5yLD434ccQAAAAASUVORK5CYII=")!)

    public static let company = PrintoutCompany(
        name: "Garage Van den Broeck", tradeName: "Showroom Gent", legalForm: "NV",
        address: PrintoutAddress(["Kortrijksesteenweg 1200", "9051 Sint-Denijs-Westrem", "België"]),
        enterpriseNumber: "0456.789.123", vatNumber: "BE0456.789.123", registerCourt: "Gent, afdeling Gent",
        iban: "BE68 5390 0754 7034", bic: "TRIOBEBB", phone: "+32 9 123 45 67", email: "verkoop@showroom-gent.be",
        website: "www.showroom-gent.be", logo: logoPNG)

    public static let customer = PrintoutCustomer(
        name: "Frédérique Dubois-Vermeersch", address: PrintoutAddress(["Rue de l'Église 14 bte 3", "1050 Ixelles"]),
        phone: "+32 475 12 34 56", email: "frederique.dubois@example.be")

    public static let salesperson = PrintoutSalesperson(name: "Sofie Claes", phone: "+32 9 123 45 70", email: "sofie.claes@showroom-gent.be")

    /// A new Volkswagen at 21 % VAT with options, a delivery fee, a discount and a trade-in credit.
    public static var newCar: PrintoutModel {
        let lines: [PrintoutLine] = [
            line(.vehicle, "Volkswagen Tiguan 1.5 eTSI Life DSG", 3_719_008, 2100),
            line(.option, "Pakket Comfort: verwarmde voorzetels, elektrische achterklep", 123_967, 2100),
            line(.option, "Metaalkleur Kings Red", 74_380, 2100),
            line(.accessory, "Winterbanden op lichtmetalen velgen 17\"", 148_760, 2100, quantity: 1000),
            line(.fee, "Rijklaar maken, nummerplaat en inschrijving", 49_587, 2100),
            line(.discount, "Korting", -150_000, 2100),
            line(.tradeIn, "Overname Opel Astra 1.4 Turbo (VIN W0LPD6EC8EG012345)", -650_000, nil),
        ]
        let excl = lines.reduce(0) { $0 + $1.totalExclVATCents }
        let vat = lines.reduce(0) { $0 + $1.vatCents }
        return PrintoutModel(
            company: company, customer: customer, salesperson: salesperson, documentNumber: "O-2026-000042", version: 2,
            date: CalendarDate(year: 2026, month: 12, day: 2)!, validUntil: CalendarDate(year: 2027, month: 1, day: 1)!,
            placeOfSigning: "Sint-Denijs-Westrem",
            car: PrintoutCar(make: "Volkswagen", model: "Tiguan", version: "1.5 eTSI Life DSG", engine: "1.5 eTSI mild hybrid, 4 cilinders",
                             powerKW: 110, fuel: .hybrid, gearbox: "DSG 7", colour: "Kings Red metallic", colourCode: "P8P8",
                             options: ["Pakket Comfort", "Winterbanden 17\"", "Trekhaak, elektrisch uitklapbaar"], condition: .new,
                             vin: "WVGZZZ5NZRW123456", wltpConsumptionTenths: 63, consumptionUnit: .litresPer100km, co2GramsPerKm: 143),
            lines: lines, totals: PrintoutTotals(exclVATCents: excl, vatCents: vat, inclVATCents: excl + vat), marginScheme: false,
            tradeIn: PrintoutTradeIn(make: "Opel", model: "Astra", version: "1.4 Turbo Innovation", engine: "1.4 benzine, 103 kW",
                                     colour: "Grijs", vin: "W0LPD6EC8EG012345", firstRegistration: CalendarDate(year: 2014, month: 3, day: 17)!,
                                     odometerKm: 148_250, creditedCents: 650_000),
            essentialCharacteristics: "Trekhaak voor een caravan van 1.600 kg; levering vóór de vakantie.",
            depositCents: 400_000, latestDelivery: CalendarDate(year: 2027, month: 2, day: 15)!,
            legalWarranty: "2 jaar vanaf de levering", commercialWarranty: "Fabrieksgarantie 4 jaar of 100.000 km",
            saleChannel: .showroom, documentsHandedOver: OrderFormRules.documentsHandedOver(usedCar: false))
    }

    /// A used BMW sold under the margin scheme: no VAT anywhere.
    public static var usedMarginCar: PrintoutModel {
        let lines: [PrintoutLine] = [
            PrintoutLine(kind: .vehicle, description: "BMW 318d Touring (tweedehands)", unitPriceCents: 1_895_000, vatRateBasisPoints: nil,
                         totalExclVATCents: 1_895_000, vatCents: 0, totalInclVATCents: 1_895_000),
            line(.service, "Onderhoudsbeurt vóór levering", 24_793, 2100),
        ]
        let incl = lines.reduce(0) { $0 + $1.totalInclVATCents }
        var m = newCar
        m.documentNumber = "O-2026-000043"
        m.version = 1
        m.car = PrintoutCar(make: "BMW", model: "318d Touring", version: "Business Edition", engine: "2.0 diesel, 4 cilinders",
                            powerKW: 110, fuel: .diesel, gearbox: "Automaat", colour: "Mineralgrau", colourCode: "B39",
                            options: ["Navigatie Professional"], condition: .used, vin: "WBA8H71000K654321", odometerKm: 87_400,
                            firstRegistration: CalendarDate(year: 2020, month: 6, day: 30)!)
        m.lines = lines
        m.totals = PrintoutTotals(exclVATCents: incl, vatCents: 0, inclVATCents: incl)
        m.marginScheme = true
        m.tradeIn = nil
        m.depositCents = 0
        m.latestDelivery = nil
        m.legalWarranty = "1 jaar vanaf de levering (tweedehandsvoertuig, overeengekomen)"
        m.commercialWarranty = ""
        m.saleChannel = .distance
        m.documentsHandedOver = OrderFormRules.documentsHandedOver(usedCar: true)
        return m
    }

    /// A line at `rate` basis points with VAT rounded half away from zero (nil rate: no VAT).
    static func line(_ kind: PrintoutLineKind, _ description: String, _ unitCents: Int64, _ rate: Int?, quantity: Int64 = 1000) -> PrintoutLine {
        let excl = unitCents * quantity / 1000
        let vat: Int64 = rate.map { r in
            let scaled = excl * Int64(r)
            return (scaled >= 0 ? scaled + 5_000 : scaled - 5_000) / 10_000
        } ?? 0
        return PrintoutLine(kind: kind, description: description, quantityMilli: quantity, unitPriceCents: unitCents,
                            vatRateBasisPoints: rate, totalExclVATCents: excl, vatCents: vat, totalInclVATCents: excl + vat)
    }
}
