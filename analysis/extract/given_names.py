"""Given names that tell a pronoun's gender, for resolving "he" and "she" to a person.

Used only as evidence when a pronoun's antecedent is chosen (a "she" after "Hillary Clinton
... Donald Trump" is not Trump); never stored or shown as a person's gender, which a speaker
record takes only from the text (honorifics, pronouns resolved to them). Names common to both
(Jordan, Taylor, Alex, Kim ...) are in neither list. Written for this project from common
English-language and international given names in news.
"""

from __future__ import annotations


def _names(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


MALE = _names(
    """aaron abdul abraham adam adrian ahmed alan albert alberto alejandro alexander alexei
    alfred ali alistair allen alvin amir anders andre andreas andrew andy angel
    angus anthony antonio armando arnold arthur ashton austin barack barry bart ben benjamin
    bennie bernard bernie bert bill billy blake bob bobby boris brad bradley brandon brendan
    brent brett brian bruce bryan bud burt byron calvin carl carlos cecil cesar chad charles
    charlie chester chris christopher chuck clarence claude clay clayton clifford clint clinton
    cody colin conor corey cory craig curtis dale dan daniel danny darrell darren dave david
    dean dennis denis derek desmond devin dick diego dmitry dominic don donald doug douglas
    duane duncan dwayne dwight earl ed eddie edgar eduardo edward edwin eli elijah elliot elmer
    emanuel emmanuel enrique eric erik ernest ernie eugene evan felipe felix fernando floyd
    francis francisco frank franklin fred freddie frederick gabriel gareth gary gavin gene
    geoffrey george gerald gerard gilbert glen glenn gordon graham grant greg gregg gregory
    guy hank harold harry harvey hassan hector henry herbert herman homer horace howard hugh
    hugo ian igor isaac ivan jack jacob jaime jake james jared jason javier jay jean-claude
    jeb jeff jefferson jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny jon
    jonathan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth kent kevin
    khizr kirk kurt kyle lamar lance larry lawrence leo leon leonard leroy lewis lincoln
    lloyd logan lonnie lou louis lucas luis luke malcolm manuel marc marco marcus
    mario mark marshall martin marvin matt matthew maurice max michael miguel mike milton
    mitch mitchell mohamed mohammed muhammad murray nathan nathaniel neal neil nelson newt
    nicholas nick nicolas nigel noah norman oliver omar orrin oscar otto owen pablo patrick
    paul pedro peter phil philip phillip pierre preet rafael ralph ramon randall randy raul
    ray raymond reggie reginald reince rex ricardo richard rick ricky rob robert roberto
    rod rodney roger roland ron ronald ross roy ruben rudy russell ryan salvador sam samuel
    scott sean sebastian sergei sergio seth shane shaun shawn sheldon sherrod sidney simon
    stan stanley stefan stephen steve steven stewart stuart ted terrence terry theodore thomas
    tim timothy toby todd tom tommy tony travis trent trey troy tyler ulysses vernon victor
    vince vincent vladimir wade walter warren wayne wesley wilbur will willard william willie
    wilson winston wolfgang xavier yuri zachary zack"""
)

FEMALE = _names(
    """abigail ada adele adriana agnes aisha alexandra alexis alice alicia alison allison
    amanda amber amelia amy ana andrea angela angelina anita ann anna anne annette annie
    antoinette april arlene ashley audrey barbara beatrice becky belinda bernadette beth
    betsy betty beverly bonnie brenda brianna bridget brittany brooke camila candace cara
    carla carly carmen carol caroline carolyn carrie cassandra catherine cathy cecilia
    celeste charlene charlotte chelsea cheryl chloe christina christine cindy claire clara
    claudia colleen connie constance cora courtney crystal cynthia daisy dana danielle darlene
    dawn debbie deborah debra delores denise diana diane dianne dolores donna dora doris
    dorothy edith eileen elaine eleanor elena elisabeth elise eliza elizabeth ella ellen
    eloise elsa emily emma erica erin esther ethel eva evelyn fatima faye felicia florence
    frances francesca gabriela gabrielle gail geneva georgia geraldine gina gladys gloria
    grace gretchen gwen gwendolyn hannah harriet hazel heather heidi helen helena hilary
    hillary holly hope huma ida ilhan ines irene iris isabel isabella ivanka jacqueline jane
    janet janice jasmine jeanne jeannie jennifer jenny jessica jill joan joann joanna
    jocelyn josephine joy joyce juanita judith judy julia julie june karen karina kate
    katherine kathleen kathryn kathy katie katrina kay kayla kelly kellyanne kirsten kristen
    kristin laura lauren laurie leah lena lillian linda lisa liz lois loretta lori lorraine
    louise lucia lucy lydia lynn madeleine madison mandy marcia margaret margarita maria
    marian marianne marie marilyn marion marjorie marlene marsha martha mary maryann maureen
    maxine megan meghan melania melanie melissa mercedes michele michelle mildred millie
    miranda miriam molly monica nadia nancy naomi natalie natasha nicole nikki nina nora
    norma olivia pam pamela patricia patsy patti paula pauline peggy penny phyllis priscilla
    rachel ramona rebecca regina renee rhonda rita roberta rosa rosalind rose rosemary
    roxanne ruby ruth sabrina sally samantha sandra sandy sara sarah selena serena shannon
    sharon sheila shelby shelley sherry shirley sofia sonia sophia stacey stephanie sue
    susan susanna suzanne sylvia tamara tammy tanya tara teresa theresa tiffany tina tracy
    tulsi valerie vanessa vera veronica vicki victoria violet virginia vivian wanda wendy
    whitney yolanda yvonne zoe zephyr"""
)

assert not MALE & FEMALE, sorted(MALE & FEMALE)


def gender_of(given: str) -> str:
    """ "m", "f", or "" when the name is in neither list."""
    low = given.lower().strip(".")
    if low in MALE:
        return "m"
    if low in FEMALE:
        return "f"
    return ""
